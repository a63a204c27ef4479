package org.candor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.candor.support.Postgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A channel on the real PostgreSQL: what is announced reaches a listener on commit only. */
@Postgres
class ChannelTest {

    private final Channel channel = new Channel(
            "candor_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8), "tests");
    private final SimpleDriverDataSource dataSource =
            new SimpleDriverDataSource(new org.postgresql.Driver(), Postgres.Db.URL, Postgres.Db.USER, "");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    private final Channel.Listener listener = channel.listen(properties(Postgres.Db.URL), "candor channel test");

    @AfterEach
    void close() {
        listener.close();
    }

    private static DataSourceProperties properties(String url) {
        DataSourceProperties p = new DataSourceProperties();
        p.setUrl(url);
        p.setUsername(Postgres.Db.USER);
        p.setPassword("");
        return p;
    }

    @Test
    void anAnnouncementReachesTheListenerWhenItsTransactionCommitsAndNotWhenItRollsBack() {
        assertThat(listener.open()).isTrue();
        assertThat(listener.listening()).isTrue();

        tx.executeWithoutResult(s -> {
            channel.announce(jdbc, "rolled back");
            s.setRollbackOnly();
        });
        assertThat(listener.await(300)).isZero();

        tx.executeWithoutResult(s -> {
            channel.announce(jdbc, "one");
            channel.announce(jdbc, "two");
        });
        assertThat(listener.await(5_000)).isEqualTo(2);
        assertThat(listener.await(100)).isZero();
    }

    @Test
    void aLostConnectionIsReportedClosedAndOpensAgain() throws SQLException {
        assertThat(listener.open()).isTrue();
        try (Connection admin = dataSource.getConnection();
                Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'candor channel test'");
        }
        assertThat(listener.await(5_000)).isEqualTo(-1);
        assertThat(listener.listening()).isFalse();
        assertThat(listener.await(10)).isEqualTo(-1);

        assertThat(listener.open()).isTrue();
        tx.executeWithoutResult(s -> channel.announce(jdbc, "after"));
        assertThat(listener.await(5_000)).isEqualTo(1);
    }

    @Test
    void aListenerThatCannotConnectSaysSoAndDoesNotListen() {
        Channel.Listener nowhere =
                channel.listen(properties("jdbc:postgresql://127.0.0.1:1/test"), "candor channel test");
        assertThat(nowhere.open()).isFalse();
        assertThat(nowhere.listening()).isFalse();
        assertThat(nowhere.await(10)).isEqualTo(-1);
        nowhere.close();
    }

    @Test
    void onlyPostgreSqlNotifies() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:channel-test");
        assertThat(Channel.notifies(h2)).isFalse();
        assertThat(Channel.notifies(dataSource)).isTrue();
    }

    @Test
    void aNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> new Channel("rules; DROP TABLE x", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a channel name");
        assertThatThrownBy(() -> new Channel("Rules", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}

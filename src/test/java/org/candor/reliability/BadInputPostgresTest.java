package org.candor.reliability;

import org.candor.support.Postgres;
import org.candor.support.PostgresService;

/** The bad-input battery on PostgreSQL, which refuses some text the embedded database keeps. */
@Postgres
class BadInputPostgresTest extends BadInputContract implements PostgresService {}

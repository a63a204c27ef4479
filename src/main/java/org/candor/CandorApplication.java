package org.candor;

import org.candor.cli.CandorCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One jar, two ways in: with a command ({@code check}, {@code rules}, ...) it runs the command
 * line tool and exits with its code; with no command it starts the service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CandorApplication {

    public static void main(String[] args) {
        if (CandorCli.isCommand(args)) {
            System.exit(CandorCli.run(args));
        }
        SpringApplication.run(CandorApplication.class, args);
    }
}

package org.candor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.candor.campaign.workbook.CampaignTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code candor template [FILE]}: the campaign workbook agencies fill in. */
@Command(
        name = "template",
        mixinStandardHelpOptions = true,
        description = "Writes the campaign template (.xlsx) that agencies fill in and submit.")
final class TemplateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..1",
            defaultValue = CampaignTemplate.FILE_NAME,
            description = "Where to write it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                new CampaignTemplate().write(out);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("candor: cannot write " + file + ": " + e.getMessage());
            return CandorCli.BAD_INPUT;
        }
        spec.commandLine().getOut().println("template written to " + file);
        return CandorCli.PASS;
    }
}

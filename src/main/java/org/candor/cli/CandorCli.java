package org.candor.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.candor.rules.EngineLogs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code candor check ...}, {@code candor rules ...}, {@code candor template}. */
@Command(
        name = "candor",
        mixinStandardHelpOptions = true,
        versionProvider = CandorCli.Version.class,
        description = "Checks influencer-marketing campaigns against codes of ethics.",
        subcommands = {CheckCommand.class, RulesCommand.class, TemplateCommand.class, SchemaCommand.class})
public final class CandorCli implements Runnable {

    /** Exit code when every campaign passes. */
    public static final int PASS = 0;
    /** Exit code when any campaign fails (at or above {@code --fail-on}). */
    public static final int FAIL = 1;
    /** Exit code for bad input: an invalid campaign, unreadable file, rules that do not build. */
    public static final int BAD_INPUT = 2;
    /**
     * Exit code when an evaluation was stopped at its bounds ({@code --max-firings},
     * {@code --deadline}) and nothing worse happened: the rules, not the campaign, need a look.
     */
    public static final int STOPPED = 3;

    private static final Set<String> COMMANDS =
            Set.of("check", "rules", "template", "schema", "--help", "-h", "--version", "-V");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What {@code -} reads: standard input, or what a test hands in. */
    final InputStream stdin;

    CandorCli(InputStream stdin) {
        this.stdin = stdin;
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String[] args) {
        return run(
                args,
                System.in,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(System.err, true));
    }

    /** Runs a command with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    /** Runs a command reading {@code -} from {@code in}; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        EngineLogs.quiet();
        CommandLine cli = new CommandLine(new CandorCli(in))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("candor: " + e.getMessage());
                    return BAD_INPUT;
                });
        cli.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
        cli.getSubcommands().values().forEach(sub -> invalidInputExitsTwo(sub));
        return cli.execute(args);
    }

    private static void invalidInputExitsTwo(CommandLine cmd) {
        cmd.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
        cmd.getSubcommands().values().forEach(CandorCli::invalidInputExitsTwo);
    }

    /** The engine logs at INFO while it builds; on the command line only warnings matter. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version in the jar's manifest; "development" when run from the build's classes. */
    static String version() {
        String v = CandorCli.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CandorCli.class.getPackage().getImplementationVersion();
            return new String[] {"candor " + (v == null ? "(development)" : v)};
        }
    }
}

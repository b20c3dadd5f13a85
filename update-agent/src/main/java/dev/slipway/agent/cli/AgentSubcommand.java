package dev.slipway.agent.cli;

import dev.slipway.agent.config.AgentConfigException;
import dev.slipway.agent.disk.InstanceLockedException;
import dev.slipway.trust.pki.TrustMaterialException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.Callable;

/** Every subcommand: runs, and turns what went wrong into one clear line on stderr and an exit code. */
abstract class AgentSubcommand implements Callable<Integer> {

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (AgentConfigException | TrustMaterialException | InstanceLockedException e) {
            log(e.getMessage());
            return ExitCodes.CANNOT_RUN;
        } catch (IllegalArgumentException e) {
            log(e.getMessage());
            return ExitCodes.USAGE;
        } catch (FileSystemException e) {
            log(e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)));
            return ExitCodes.CANNOT_RUN;
        } catch (IOException e) {
            log(e.getMessage());
            return ExitCodes.CANNOT_RUN;
        }
    }

    abstract int execute() throws IOException, AgentConfigException, TrustMaterialException;

    /** One line for journald: no timestamp (the journal adds it), the program's name first. */
    static void log(String line) {
        System.err.println("slipway-agent: " + line);
    }
}

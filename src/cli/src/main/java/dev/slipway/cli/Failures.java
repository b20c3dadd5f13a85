package dev.slipway.cli;

import dev.slipway.build.BuildException;
import dev.slipway.build.MissingToolException;
import dev.slipway.build.ToolFailedException;
import dev.slipway.disk.DiskImageException;
import dev.slipway.profile.ProfileException;
import dev.slipway.repository.ChannelException;
import dev.slipway.repository.PublishException;
import dev.slipway.trust.cms.SigningException;
import dev.slipway.trust.manifest.ManifestException;
import dev.slipway.trust.pki.TrustMaterialException;
import dev.slipway.trust.policy.VerificationException;
import dev.slipway.source.CorruptArchiveException;
import dev.slipway.tree.InvalidEntryException;
import dev.slipway.verity.VerityException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns what a command throws into one clear line on stderr and a meaningful exit code. */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        var err = cli.getErr();
        int code = exitCode(cause);
        err.println(cli.getCommandSpec().qualifiedName() + ": " + message(cause));
        if (code == ExitCode.INTERNAL_ERROR) {
            cause.printStackTrace(err);
        }
        return code;
    }

    static int exitCode(Throwable t) {
        if (t instanceof MissingToolException) {
            return ExitCode.MISSING_TOOL;
        }
        if (t instanceof ToolFailedException) {
            return ExitCode.TOOL_FAILED;
        }
        if (t instanceof VerificationException) {
            return ExitCode.CHECK_FAILED;
        }
        if (t instanceof PublishException e) {
            return switch (e.reason()) {
                case BUILD_SIGNATURE, BUILD_DAMAGED -> ExitCode.CHECK_FAILED;
                case BUSY -> ExitCode.IO_ERROR;
                default -> ExitCode.INVALID_INPUT;
            };
        }
        if (t instanceof ChannelException e) {
            return e.reason() == ChannelException.Reason.MALFORMED ? ExitCode.INVALID_INPUT : ExitCode.CHECK_FAILED;
        }
        if (t instanceof InvalidEntryException || t instanceof InvalidInputException
                || t instanceof IllegalArgumentException || t instanceof CorruptArchiveException
                || t instanceof VerityException || t instanceof ProfileException || t instanceof DiskImageException
                || t instanceof BuildException || t instanceof TrustMaterialException || t instanceof SigningException
                || t instanceof ManifestException) {
            return ExitCode.INVALID_INPUT;
        }
        if (t instanceof IOException) {
            return ExitCode.IO_ERROR;
        }
        return ExitCode.INTERNAL_ERROR;
    }

    static String message(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or directory";
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (t instanceof FileSystemException e && e.getReason() != null) {
            String reason = e.getReason();
            String hint = reason.contains("No space left") ? " (free some space or choose another output directory)" : "";
            return e.getFile() + ": " + reason + hint;
        }
        if (t instanceof FileNotFoundException && t.getMessage() != null) {
            return t.getMessage();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}

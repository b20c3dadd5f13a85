package dev.slipway.disk;

import dev.slipway.testing.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** qemu-img (Debian's qemu-utils), the referee for VHD and VHDX files. */
public final class QemuImg {

    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)");

    private QemuImg() {
    }

    public static boolean available() {
        try {
            return Command.run("qemu-img", "--version").exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** qemu's driver name for a format: VHD is "vpc". */
    public static String driver(DiskFormat format) {
        return switch (format) {
            case RAW -> "raw";
            case VHD -> "vpc";
            case VHDX -> "vhdx";
        };
    }

    public static Command.Result check(Path image, DiskFormat format) throws IOException {
        return Command.run("qemu-img", "check", "-f", driver(format), image.toString());
    }

    public static long virtualSize(Path image, DiskFormat format) throws IOException {
        String json = Command.run("qemu-img", "info", "--output=json", "-f", driver(format), image.toString()).check().out();
        Matcher m = VIRTUAL_SIZE.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no virtual-size in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * {@code qemu-img compare}: the contents must match (strict mode, {@code -s}, would also compare
     * allocation, which a VHDX cannot report; sizes are checked with {@link #virtualSize}).
     */
    public static Command.Result compare(Path a, DiskFormat fa, Path b, DiskFormat fb) throws IOException {
        return Command.run("qemu-img", "compare", "-f", driver(fa), "-F", driver(fb), a.toString(), b.toString());
    }

    public static void convert(Path in, DiskFormat from, Path out, DiskFormat to, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("qemu-img", "convert", "-f", driver(from), "-O", driver(to)));
        command.addAll(List.of(options));
        command.addAll(List.of(in.toString(), out.toString()));
        Command.run(command).check();
    }
}

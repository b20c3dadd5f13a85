package dev.slipway.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Slipway's own version, recorded in build.json (Maven writes it into version.properties). */
public final class SlipwayBuildVersion {

    private SlipwayBuildVersion() {
    }

    public static String get() {
        try (InputStream in = SlipwayBuildVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

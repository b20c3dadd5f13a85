package dev.slipway.profile;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code [agent]} table: how nodes running the image update.
 *
 * @param kind  "none", or "slipway-agent": the image carries the agent, its Java runtime, its units
 *              and its configuration (docs/updates.md)
 * @param trust for "slipway-agent", the root certificates (PEM, absolute path) the node trusts for
 *              updates, installed as {@code /etc/slipway/trust.pem}; {@code null} for "none"
 */
public record Agent(String kind, Path trust) {

    public static final Agent NONE = new Agent(Schema.AGENT_NONE, null);

    public Agent {
        Objects.requireNonNull(kind, "kind");
        if (kind.equals(Schema.AGENT_SLIPWAY) && trust == null) {
            throw new IllegalArgumentException("slipway-agent needs the roots it trusts");
        }
    }

    /** Whether the image carries slipway-agent. */
    public boolean included() {
        return kind.equals(Schema.AGENT_SLIPWAY);
    }
}

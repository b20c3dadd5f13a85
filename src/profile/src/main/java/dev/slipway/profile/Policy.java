package dev.slipway.profile;

import java.util.List;
import java.util.Objects;

/**
 * The {@code [policy]} table: what the image must not contain beyond package managers, which the
 * build always removes.
 *
 * @param docs     "copyright" (keep only each package's copyright file, the default), "none" or "all"
 * @param manPages "remove" (manual and info pages, the default) or "keep"
 * @param locales  languages whose translations under /usr/share/locale are kept (e.g. "de"); none by default
 * @param remove   further paths to remove, as globs relative to the root ("usr/share/zoneinfo/right")
 * @param forbid   paths the build must fail on if they remain, as globs
 */
public record Policy(String docs, String manPages, List<String> locales, List<String> remove, List<String> forbid) {

    public static final String DOCS_COPYRIGHT = "copyright";
    public static final String DOCS_NONE = "none";
    public static final String DOCS_ALL = "all";
    public static final String REMOVE = "remove";
    public static final String KEEP = "keep";

    /** What a profile without a [policy] table gets. */
    public static final Policy DEFAULT = new Policy(DOCS_COPYRIGHT, REMOVE, List.of(), List.of(), List.of());

    public Policy {
        Objects.requireNonNull(docs, "docs");
        Objects.requireNonNull(manPages, "manPages");
        locales = List.copyOf(locales);
        remove = List.copyOf(remove);
        forbid = List.copyOf(forbid);
    }
}

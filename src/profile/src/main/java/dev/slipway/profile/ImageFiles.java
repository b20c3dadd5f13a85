package dev.slipway.profile;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code [files]} table: what the image gets besides its source, for configuration no package
 * ships.
 *
 * @param trees directories (absolute paths) whose contents are laid over the composed tree, in
 *              order, a later tree's file replacing an earlier one's
 */
public record ImageFiles(List<Path> trees) {

    public static final ImageFiles NONE = new ImageFiles(List.of());

    public ImageFiles {
        trees = List.copyOf(trees);
    }
}

/**
 * Image profiles: {@link dev.slipway.profile.Profiles#resolve} loads a TOML profile and the chain
 * of files it {@code extends} into a {@link dev.slipway.profile.ResolvedProfile} (immutable
 * records, a canonical resolved TOML and digests), or throws a
 * {@link dev.slipway.profile.ProfileException} naming file, line and key.
 *
 * <p>Inside, the data path is: {@code ChainLoader} reads each file (values by Jackson, key lines
 * by {@code TomlScanner} into a {@code PositionIndex}), {@code LayerReader} checks it against the
 * {@code Schema} into a {@code Layer}, {@code Merger} merges the layers and checks the whole,
 * {@code ProfileBinder} makes the records and {@code ResolvedWriter} the resolved text. The schema
 * is data ({@code TableSpec}, {@code FieldSpec}, {@code Check}): a new key is a new entry there.
 */
package dev.slipway.profile;

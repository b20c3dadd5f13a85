/**
 * Slipway's systemd-boot entries, written by the builder for a fresh disk and by the update agent
 * when it stages a slot: {@link dev.slipway.boot.BootEntry} is the file's contents (Boot Loader
 * Specification type #1, the keys Slipway uses, the command line pinning the slot's root hash) and
 * {@link dev.slipway.boot.EntryFileName} its name, which carries systemd-boot's boot counter
 * ({@code slipway-b+3-0.conf}). Both render and strictly parse, so what the agent reads back is
 * exactly what was written.
 */
package dev.slipway.boot;

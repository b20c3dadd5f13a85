/**
 * The slot trailer: what a USR partition holds (verity parameters, root hash, image version),
 * recorded in its last 4 KiB by the builder and by the update agent.
 */
package dev.slipway.slot;

/**
 * Trust: what a signed Slipway image is and how it is checked. The manifest model and its canonical
 * JSON, detached CMS signatures (made with keys in files or PKCS#11 tokens), and the trust policy
 * (roots, rotation, revocation, key roles, development keys). Used by the builder, the CLI and the
 * node agent; it depends on no other Slipway module.
 */
package dev.slipway.trust;

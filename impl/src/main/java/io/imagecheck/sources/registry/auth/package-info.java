/**
 * Registry authentication: {@link io.imagecheck.sources.registry.auth.Credentials} (whose
 * {@code toString} masks the secret), the {@link io.imagecheck.sources.registry.auth.CredentialStore}
 * that finds them (explicit options, the containers {@code auth.json}, the Docker
 * {@code config.json} with its {@code credsStore}/{@code credHelpers}), the
 * {@link io.imagecheck.sources.registry.auth.Challenge} parser for {@code WWW-Authenticate}, and the
 * two schemes registries use: {@link io.imagecheck.sources.registry.auth.BasicAuthenticator} and the
 * Bearer token flow of {@link io.imagecheck.sources.registry.auth.TokenAuthenticator}.
 *
 * <p>Nothing here logs or puts into an exception a password, identity token or bearer token.
 *
 * <p>Depends on: {@code io.imagecheck.source} (exceptions), {@code io.imagecheck.internal.json},
 * {@code java.net.http}.
 */
@NullMarked
package io.imagecheck.sources.registry.auth;

import org.jspecify.annotations.NullMarked;

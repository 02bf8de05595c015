/**
 * The project's real-tool image lab, for integration tests: {@link io.imagecheck.lab.LabImages} runs
 * {@code lab/make-images.sh} (umoci, skopeo, buildah, debootstrap, rpm/dnf, npm, pip and gpg from Debian)
 * once per build into {@code <repo>/target/lab-images}, and exposes the images it made with the facts
 * those tools reported about them ({@link io.imagecheck.lab.LabFacts}, {@link io.imagecheck.lab.TreeEntry},
 * {@link io.imagecheck.lab.LayerEntry}).
 *
 * <p>The facts come from the tools' own output (their JSON blobs, GNU tar listings, {@code umoci raw
 * unpack} trees, {@code rpm -qa}, {@code dpkg-query}), never from this project's code, so tests can check
 * the project's readers against them. Nothing here reads images itself.
 *
 * <p>This package is part of {@code imagecheck-impl}'s test-jar, so other modules' tests can use it.
 *
 * <p>Depends on: {@code io.imagecheck.image} and {@code io.imagecheck.fs} (value types only), Jackson
 * (reading {@code facts.json}) and JUnit Jupiter ({@code Assumptions} to skip, {@code Assertions} to
 * fail).
 */
@NullMarked
package io.imagecheck.lab;

import org.jspecify.annotations.NullMarked;

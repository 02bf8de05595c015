/**
 * The {@code imagecheck} command line: {@link io.imagecheck.cli.Main} builds the picocli command tree
 * (the top-level {@code imagecheck} command and one class per subcommand, such as {@code inspect}),
 * maps failures to {@link io.imagecheck.cli.ExitCode}s with one-line messages, and sends library
 * warnings to stderr as one short line each. Output that comes from an image passes through
 * {@link io.imagecheck.cli.Terminal} before it reaches a terminal.
 *
 * <p>To add a subcommand: write one class like {@code InspectCommand} (a picocli {@code @Command}
 * implementing {@code Callable<Integer>}, with the shared {@code CommonOptions} as a {@code @Mixin})
 * and list it in {@code ImageCheckCommand}'s {@code subcommands}.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source}, {@code io.imagecheck.sources}
 * (to open images), {@code io.imagecheck.inspect}, {@code io.imagecheck.inspectors},
 * {@code io.imagecheck.policy}, {@code io.imagecheck.policies}, {@code io.imagecheck.scan},
 * {@code io.imagecheck.report}, {@code io.imagecheck.writers} (for {@code scan}),
 * {@code io.imagecheck.internal.json} (the project's configured Jackson mapper), picocli, Jackson.
 * Nothing depends on this package.
 */
@NullMarked
package io.imagecheck.cli;

import org.jspecify.annotations.NullMarked;

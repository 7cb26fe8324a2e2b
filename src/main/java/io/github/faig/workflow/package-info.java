/**
 * What every use-case workflow shares: the {@link io.github.faig.workflow.Monitor} through which it reports progress
 * and is cancelled (the engines below the workflows take the same monitor), and how their items run: a
 * {@link io.github.faig.workflow.Batch} through the run's {@link io.github.faig.workflow.Sharding}, a folder's files
 * through {@link io.github.faig.workflow.FolderRun}. The workflows themselves live in their domain packages ({@code degrade}, {@code sr},
 * {@code attribution}, {@code masking}, {@code prediction}, {@code representation}, {@code train},
 * {@code nn.io}); each takes one options record validated at construction and returns result records, and imports
 * nothing from ImageJ.
 */
package io.github.faig.workflow;

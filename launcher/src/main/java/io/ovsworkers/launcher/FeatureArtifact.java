package io.ovsworkers.launcher;

import java.nio.file.Path;
import org.osgi.service.feature.ID;

/**
 * One bundle to install: where it comes from and when it starts.
 *
 * @param feature the name of the feature that lists it
 * @param id its Maven coordinates
 * @param startOrder its start level
 * @param file its jar in the distribution's {@code system/} folder
 */
record FeatureArtifact(String feature, ID id, int startOrder, Path file) {
}

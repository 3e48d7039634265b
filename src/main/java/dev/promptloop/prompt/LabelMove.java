package dev.promptloop.prompt;

import java.util.Optional;

/** A person's request to point a label at a version, with why. */
public record LabelMove(String label, int version, Optional<String> reason) {
}

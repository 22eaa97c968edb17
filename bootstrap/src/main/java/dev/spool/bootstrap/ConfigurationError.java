package dev.spool.bootstrap;

import dev.spool.domain.SpoolException;

/** A configuration value is missing or wrong; the message names the variable and says why. */
public final class ConfigurationError extends SpoolException {
  public static final String CODE = "CONFIGURATION_ERROR";

  public ConfigurationError(String variable, String problem) {
    super(CODE, variable + ": " + problem);
  }
}

package dev.spool.application.port.in;

import dev.spool.application.model.Pricing;

/** The price table this node charges calls by, and the model it calls. */
public interface ShowPrices {

  Pricing pricing();
}

package dev.spool.application.port.in;

import dev.spool.application.model.OwnerAccount;

/** Shows a caller where it stands: its weight, quotas, monthly budget and spend. */
public interface GetAccount {

  /** The caller's own account this month; nobody reads another's. */
  OwnerAccount account(Actor actor);
}

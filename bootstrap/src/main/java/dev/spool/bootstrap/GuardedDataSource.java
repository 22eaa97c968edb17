package dev.spool.bootstrap;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool, refusing at once while the database is known to be away: without it every request, the
 * dispatcher's loops and a shutdown would each wait out the pool's connection timeout (5 s) before
 * failing. The watch that knows uses a connection of its own, so recovery is still seen.
 */
final class GuardedDataSource implements DataSource {
  private final DataSource pool;
  private final Supplier<Optional<String>> outage;

  GuardedDataSource(DataSource pool, Supplier<Optional<String>> outage) {
    this.pool = pool;
    this.outage = outage;
  }

  @Override
  public Connection getConnection() throws SQLException {
    refuseDuringOutage();
    return pool.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    refuseDuringOutage();
    return pool.getConnection(username, password);
  }

  private void refuseDuringOutage() throws SQLTransientConnectionException {
    Optional<String> away = outage.get();
    if (away.isPresent()) {
      throw new SQLTransientConnectionException(
          "the database is unavailable: " + away.get(), "08001");
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}

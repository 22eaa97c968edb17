package dev.spool.adapter.persistence;

import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Array parameters, handed to the driver as arrays of their own element class.
 *
 * <p>Given a {@code String[]}, {@code Long[]} or {@code Integer[]}, the driver writes the binary
 * format; given the {@code Object[]} that JDBI's own array binding builds, it can only write an
 * array literal for the server to parse element by element: in a dispatcher write of 250 outcomes,
 * some 5,000 elements, and the largest item in its parameter handling. JDBI's binding also resolved
 * the element's generic type afresh on every call, some 25 times per write. UUID arrays stay
 * literals: the driver has no binary form for them.
 */
final class SqlArrays {
  private static final Map<Class<?>, String> TYPES =
      Map.of(
          String.class,
          "text",
          Long.class,
          "int8",
          Integer.class,
          "int4",
          Boolean.class,
          "bool",
          UUID.class,
          "uuid",
          Double.class,
          "float8");

  private SqlArrays() {}

  /**
   * @param element the values' class: {@code String}, {@code Long}, {@code Integer}, {@code
   *     Boolean}, {@code UUID} or {@code Double}
   * @param values the elements in order; nulls are kept
   */
  static <T> Argument of(Class<T> element, Collection<? extends T> values) {
    String type = TYPES.get(element);
    if (type == null) {
      throw new IllegalArgumentException("no SQL array type for " + element.getName());
    }
    Object[] array = values.toArray((Object[]) Array.newInstance(element, values.size()));
    return new Typed(type, array);
  }

  private record Typed(String type, Object[] values) implements Argument {
    @Override
    public void apply(int position, PreparedStatement statement, StatementContext ctx)
        throws SQLException {
      java.sql.Array array = ctx.getConnection().createArrayOf(type, values);
      ctx.addCleanable(array::free);
      statement.setArray(position, array);
    }

    @Override
    public String toString() {
      return type + "[" + values.length + "]";
    }
  }
}

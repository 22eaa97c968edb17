package dev.spool.adapter.persistence;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.array.SqlArrayType;
import org.jdbi.v3.core.array.SqlArrayTypeFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.config.Configurable;

/**
 * Array parameters of text and numbers in PostgreSQL's binary format. JDBI's own array types hand
 * the driver an {@code Object[]}, which it can only write as an array literal for the server to
 * parse element by element: in a dispatcher write of 250 outcomes, some 5,000 elements, and the
 * largest item in its parameter handling. Given a {@code String[]}, {@code Long[]} or {@code
 * Integer[]}, the driver writes the binary format instead. UUID arrays stay literals: the driver
 * has no binary form for them.
 */
final class BinaryArrays implements SqlArrayTypeFactory {
  private static final Map<Type, String> NAMES =
      Map.of(String.class, "text", Long.class, "int8", Integer.class, "int4");

  static <C extends Configurable<C>> C register(C config) {
    return config.registerArrayType(new BinaryArrays());
  }

  @Override
  public Optional<SqlArrayType<?>> build(Type elementType, ConfigRegistry config) {
    String name = NAMES.get(elementType);
    return name == null ? Optional.empty() : Optional.of(new Typed((Class<?>) elementType, name));
  }

  /** Elements passed through as they are, in an array of their own class. */
  private record Typed(Class<?> element, String name) implements SqlArrayType<Object> {
    @Override
    public String getTypeName() {
      return name;
    }

    @Override
    public Object convertArrayElement(Object value) {
      return value;
    }

    @Override
    public Class<?> getArrayElementClass() {
      return element;
    }
  }
}

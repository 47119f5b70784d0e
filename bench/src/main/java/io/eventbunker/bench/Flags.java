package io.eventbunker.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A harness's command line onto its options: {@code --name value} pairs, each setting the field of
 * that name ({@code --h2load-warmup-seconds 10} sets {@code h2loadWarmupSeconds}), so that a
 * harness's flags are its options' fields and nothing else. An int, a {@link Path} or a
 * comma-separated {@code List<Integer>}; any other flag is refused, so that a typo does not run the
 * default.
 */
final class Flags {
  private Flags() {}

  /** {@code options} with the fields that {@code args} name set to their values. */
  static <T> T parse(String[] args, T options) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      set(options, args[i], args[i + 1]);
    }
    return options;
  }

  private static void set(Object options, String flag, String value) {
    Field field = field(options.getClass(), flag);
    try {
      if (field.getType() == int.class) {
        field.setInt(options, Integer.parseInt(value.trim()));
      } else if (field.getType() == Path.class) {
        field.set(options, Path.of(value));
      } else if (isIntegerList(field.getGenericType())) {
        field.set(options, integers(value));
      } else {
        throw new IllegalArgumentException("Unknown option " + flag);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Options fields must be package-private: " + field, e);
    }
  }

  /** The settable field that {@code flag} names, or an {@link IllegalArgumentException}. */
  private static Field field(Class<?> options, String flag) {
    for (Field field : options.getDeclaredFields()) {
      if ((field.getModifiers() & (Modifier.STATIC | Modifier.FINAL)) == 0
          && flag.equals(flag(field.getName()))) {
        return field;
      }
    }
    throw new IllegalArgumentException("Unknown option " + flag);
  }

  /** {@code --h2load-warmup-seconds} for {@code h2loadWarmupSeconds}. */
  private static String flag(String fieldName) {
    StringBuilder flag = new StringBuilder("--");
    for (char c : fieldName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        flag.append('-').append(Character.toLowerCase(c));
      } else {
        flag.append(c);
      }
    }
    return flag.toString();
  }

  private static boolean isIntegerList(Type type) {
    return type instanceof ParameterizedType
        && ((ParameterizedType) type).getRawType() == List.class
        && ((ParameterizedType) type).getActualTypeArguments()[0] == Integer.class;
  }

  private static List<Integer> integers(String commaSeparated) {
    List<Integer> values = new ArrayList<>();
    for (String value : commaSeparated.split(",")) {
      if (!value.isBlank()) {
        values.add(Integer.parseInt(value.trim()));
      }
    }
    return values;
  }
}

package io.eventbunker.core.internal;

/** Settings named as the core's tests set them: through the builder's methods. */
enum TestSyntax implements SettingSyntax {
  INSTANCE;

  @Override
  public String name(String setting) {
    return setting + "()";
  }

  @Override
  public String file() {
    return "the test";
  }

  @Override
  public String writeKeyExample() {
    return "writeKey(\"wk_…\")";
  }
}

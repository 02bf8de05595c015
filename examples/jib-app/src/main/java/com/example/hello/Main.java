package com.example.hello;

/** The example application: prints a greeting (its image is what the tests look at). */
public final class Main {

  private Main() {}

  /**
   * Prints a greeting.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("hello from " + Main.class.getName());
  }
}

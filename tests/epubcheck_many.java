import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * epubcheck on each book named, in one JVM (tests/bookcheck.py runs it from source: java -cp
 * epubcheck.jar epubcheck_many.java BOOK...). Each book's report, stdout and stderr together,
 * follows a line holding a NUL and the book's path.
 */
public class EpubCheckMany {
  public static void main(String[] books) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    for (String book : books) {
      ByteArrayOutputStream report = new ByteArrayOutputStream();
      PrintStream both = new PrintStream(report, true, StandardCharsets.UTF_8);
      System.setOut(both);
      System.setErr(both);
      try {
        new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {book});
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
      out.println("\u0000" + book);
      out.print(report.toString(StandardCharsets.UTF_8));
    }
  }
}

package gradientkata.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What every lesson's experiment ({@code lessons/NN-slug/explore.jsh}) shares: it compiles the
 * lesson's classes (yours, or the reference solution), turns a failure into a short explanation
 * and a non-zero exit status, and draws charts into {@code target/plots/}.
 *
 * <p>{@code Notebook.jsh}, which every experiment loads first, compiles this class into
 * {@code lessons/notebook/classes}; {@code jbang.properties} puts that folder on the class path.
 *
 * <p>Every experiment ends with {@link #end end(status)}. Run as a script, that line ends the JVM
 * with the status; in an interactive session ({@code ./kata jshell NN}, {@code ./jbang --interactive},
 * which set the system property {@value #INTERACTIVE}) it prints what the session holds and
 * JShell waits for the learner's input.
 */
public final class Notebook {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path CLASSES = ROOT.resolve("lessons/notebook/classes");
    private static final Path PLOTS = ROOT.resolve("target/plots");
    /** The system property that keeps JShell open after the experiment: see {@link #end}. */
    public static final String INTERACTIVE = "notebook.interactive";
    /** The exit status of {@link #reload()}: the kata's launcher then starts a new session. */
    public static final int RELOAD = 75;
    /** Okabe and Ito's palette, which stays distinct for colour-blind readers (yellow left out). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)
    };

    private static boolean reference;
    private static boolean figure;
    private static String lessonId = "";
    private static String number = "";
    private static String packageName = "";
    private static Path packageSources = ROOT;
    private static List<String> classNames = List.of();

    private Notebook() {
    }

    /**
     * Compiles the classes of lesson {@code id} ("01-chain-rule-products") so that the experiment
     * can import them: yours from {@code src/main/java}, or the reference from {@code solutions/}
     * when the experiment's arguments include {@code --reference}. With {@code --figure}, it runs
     * on the reference and also saves the lesson's chart as {@code lessons/NN-slug/chart.png}, the
     * figure in the lesson's README. Ends the experiment with a short explanation if the classes
     * do not compile.
     */
    public static void use(String id, String... args) {
        System.setProperty("java.awt.headless", "true");
        figure = Arrays.asList(args).contains("--figure");
        reference = figure || Arrays.asList(args).contains("--reference");
        lessonId = id;
        number = id.substring(0, 2);
        Path properties = ROOT.resolve("lessons").resolve(id).resolve("lesson.properties");
        if (!Files.isRegularFile(properties)) {
            stop("There is no " + show(properties) + ". Run the experiment from the kata's root folder:\n  ./jbang lessons/"
                    + id + "/explore.jsh");
        }
        Properties lesson = new Properties();
        try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            lesson.load(in);
        } catch (IOException e) {
            stop("Cannot read " + show(properties) + ": " + e.getMessage());
        }
        packageName = lesson.getProperty("package", "").strip();
        String packagePath = packageName.replace('.', '/');
        packageSources = ROOT.resolve(reference ? "solutions" : "src/main/java").resolve(packagePath);
        List<Path> sources = Arrays.stream(lesson.getProperty("files", "").split(","))
                .map(f -> packageSources.resolve(f.strip())).toList();
        classNames = sources.stream().map(f -> f.getFileName().toString().replaceFirst("\\.java$", "")).toList();
        System.out.println("Lesson " + number + " · " + lesson.getProperty("title", "").strip() + " · running on "
                + (reference ? "the reference solution in " : "your code in ") + show(packageSources));
        System.out.println();
        compile(sources, CLASSES.resolve(packagePath));
    }

    /**
     * Explains why the experiment stopped: a method that is not written yet is named, with the
     * way to run the experiment on the reference solution instead.
     */
    public static void explain(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsupportedOperationException && cause.getMessage() != null
                    && cause.getMessage().startsWith("TODO")) {
                notWrittenYet(cause);
                return;
            }
        }
        failed(e);
    }

    /**
     * The last line of every experiment. Run as a script, it ends the JVM with {@code status}: 0
     * when the experiment ran to its end, 1 when it stopped (JShell by itself ends a script with 0,
     * whatever happened). When the system property {@value #INTERACTIVE} is {@code true}, it
     * prints what the session holds instead, and JShell goes on with the learner's input.
     */
    public static void end(int status) {
        if (!interactive()) {
            System.out.flush();
            System.err.flush();
            System.exit(status);
        }
        System.err.flush();
        System.out.println();
        System.out.println("── Lesson " + number + " in JShell, on " + (reference ? "the reference solution" : "your code")
                + " (" + show(packageSources) + "): the experiment " + (status == 0 ? "ran to its end." : "stopped (see above)."));
        System.out.println("   Imported: " + String.join(", ", classNames) + "; Commons Math (linear, analysis.function,");
        System.out.println("   analysis.differentiation, FastMath); the chart helpers Notebook and XYSeries.");
        System.out.println("   /vars shows the experiment's variables, /imports the imports, /help JShell's commands.");
        System.out.println("   A chart, saved as target/plots/mine.png:");
        System.out.println("     XYSeries s = new XYSeries(\"2^n\"); for (int n = 0; n <= 20; n++) s.add(n, Math.pow(2, n));");
        System.out.println("     Notebook.save(Notebook.logY(Notebook.lines(\"My chart\", \"n\", \"value\", List.of(s))), \"mine\")");
        System.out.println("   Changed your code? Notebook.reload() runs the experiment again on it, in a new session.");
        System.out.println("   /exit leaves.");
    }

    /** Whether this is an interactive session: the system property {@value #INTERACTIVE} is {@code true}. */
    public static boolean interactive() {
        return Boolean.getBoolean(INTERACTIVE);
    }

    /**
     * Starts over on the code as it is now. JShell cannot swap a class it has loaded for a new
     * one, so this ends the session with status {@value #RELOAD}, and {@code ./kata jshell} and
     * {@code ./jbang --interactive} then compile the lesson again and run the experiment in a new
     * session (the lines you typed are in JShell's history: arrow up). Started any other way, run
     * your command again.
     */
    public static void reload() {
        System.out.println("Ending this session with status " + RELOAD + ": ./kata jshell and ./jbang --interactive start a new one");
        System.out.println("on your code as it is now (arrow up finds what you typed). Started otherwise? Run your command again.");
        System.out.flush();
        System.exit(RELOAD);
    }

    /** A line chart of several series against one x axis, drawn the same way in every lesson. */
    public static JFreeChart lines(String title, String xLabel, String yLabel, List<XYSeries> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xCCCCCC));
        plot.setRangeGridlinePaint(new Color(0xCCCCCC));
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        XYItemRenderer renderer = plot.getRenderer();
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.0f));
        }
        return chart;
    }

    /** Draws the given series as dots instead of lines: for samples laid over a curve. */
    public static JFreeChart dots(JFreeChart chart, int... seriesIndices) {
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i : seriesIndices) {
            renderer.setSeriesLinesVisible(i, false);
            renderer.setSeriesShapesVisible(i, true);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7.0, 7.0));
        }
        return chart;
    }

    /**
     * Puts the values (y) on a logarithmic axis, for quantities that grow or shrink exponentially.
     * A log axis cannot show 0, negative or infinite values: such points become gaps in their
     * line, and the experiment says how many there were.
     */
    public static JFreeChart logY(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        double[] range = {Double.POSITIVE_INFINITY, 0.0};
        int hidden = 0;
        for (XYSeries series : series(plot)) {
            for (int i = 0; i < series.getItemCount(); i++) {
                double y = series.getY(i) == null ? Double.NaN : series.getY(i).doubleValue();
                if (widen(range, y)) {
                    continue;
                }
                if (!Double.isNaN(y)) {
                    series.updateByIndex(i, Double.NaN);
                    hidden++;
                }
            }
        }
        plot.setRangeAxis(logAxis(plot.getRangeAxis(), range));
        leftOut(hidden);
        return chart;
    }

    /** Puts x on a logarithmic axis (step sizes, scales); points with x ≤ 0 are left out. */
    public static JFreeChart logX(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        double[] range = {Double.POSITIVE_INFINITY, 0.0};
        int hidden = 0;
        for (XYSeries series : series(plot)) {
            for (int i = series.getItemCount() - 1; i >= 0; i--) {
                if (!widen(range, series.getX(i).doubleValue())) {
                    series.remove(i);
                    hidden++;
                }
            }
        }
        plot.setDomainAxis(logAxis(plot.getDomainAxis(), range));
        leftOut(hidden);
        return chart;
    }

    private static List<XYSeries> series(XYPlot plot) {
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
        List<XYSeries> all = new ArrayList<>();
        for (int k = 0; k < data.getSeriesCount(); k++) {
            all.add(data.getSeries(k));
        }
        return all;
    }

    /** Takes a value into {lowest, highest} if a log axis can show it; says whether it can. */
    private static boolean widen(double[] range, double value) {
        if (value > 0.0 && value < Double.POSITIVE_INFINITY) {
            range[0] = Math.min(range[0], value);
            range[1] = Math.max(range[1], value);
            return true;
        }
        return false;
    }

    private static LogAxis logAxis(ValueAxis linear, double[] range) {
        LogAxis axis = new LogAxis(linear.getLabel());
        axis.setBase(10);
        axis.setBaseSymbol("10");
        axis.setLabelFont(linear.getLabelFont());
        axis.setTickLabelFont(linear.getTickLabelFont());
        if (range[1] > 0.0) {
            double margin = Math.max(0.2, 0.04 * (Math.log10(range[1]) - Math.log10(range[0])));
            axis.setRange(range[0] / Math.pow(10, margin), range[1] * Math.pow(10, margin));
        }
        return axis;
    }

    private static void leftOut(int hidden) {
        if (hidden > 0) {
            System.out.println("(The chart leaves out " + hidden + " point" + (hidden == 1 ? "" : "s")
                    + " that a log scale cannot show: 0, negative or infinite.)");
        }
    }

    /**
     * Saves the lesson's chart as {@code target/plots/NN-slug.png}, and with {@code --figure} as
     * the lesson's figure too.
     */
    public static Path save(JFreeChart chart) {
        Path file = save(chart, lessonId);
        if (figure) {
            Path readmeFigure = ROOT.resolve("lessons").resolve(lessonId).resolve("chart.png");
            try {
                Files.copy(file, readmeFigure, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + show(readmeFigure), e);
            }
            System.out.println("Figure: " + show(readmeFigure));
        }
        return file;
    }

    /** Saves a chart as {@code target/plots/<name>.png}. */
    public static Path save(JFreeChart chart, String name) {
        Path file = PLOTS.resolve(name + ".png");
        try {
            Files.createDirectories(PLOTS);
            ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 500);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + show(file), e);
        }
        System.out.println();
        System.out.println("Chart: " + show(file));
        return file;
    }

    /** Compiles the lesson's sources into {@code out}, unless it holds classes of the very same files. */
    private static void compile(List<Path> sources, Path out) {
        StringBuilder stamp = new StringBuilder();
        for (Path source : sources) {
            if (!Files.isRegularFile(source)) {
                stop("Lesson " + number + " needs " + show(source) + ", and it is not there.");
            }
            stamp.append(show(source)).append(' ').append(source.toFile().lastModified())
                    .append(' ').append(source.toFile().length()).append('\n');
        }
        Path stampFile = out.resolve("compiled-from.txt");
        try {
            if (Files.isRegularFile(stampFile) && Files.readString(stampFile).contentEquals(stamp)) {
                return;
            }
            deleteFiles(out);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                List<String> options = List.of("-d", CLASSES.toString(), "--release", "17", "-classpath", System.getProperty("java.class.path"),
                        "-encoding", "UTF-8", "-proc:none", "-implicit:none", "-nowarn");
                if (!javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call()) {
                    deleteFiles(out);
                    stop((reference ? "The reference solution" : "Your code") + " for lesson " + number
                            + " does not compile:\n" + errors(diagnostics)
                            + orReference("Fix it (./mvnw test -Dlesson=" + number + " shows the same errors)"));
                }
            }
            Files.writeString(stampFile, stamp);
        } catch (IOException e) {
            stop("Cannot compile lesson " + number + " into " + show(out) + ": " + e);
        }
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder errors = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String where = d.getSource() == null ? "" : show(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": ";
                errors.append("  ").append(where).append(d.getMessage(null).lines().findFirst().orElse("")).append('\n');
            }
        }
        return errors.toString();
    }

    private static void deleteFiles(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(Files::isRegularFile).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void notWrittenYet(Throwable e) {
        StackTraceElement method = lessonFrames(e).stream().findFirst().orElse(null);
        String what = method == null ? "a method of lesson " + number
                : simpleName(method.getClassName()) + "." + method.getMethodName()
                + " (" + show(packageSources.resolve(String.valueOf(method.getFileName()))) + ":" + method.getLineNumber() + ")";
        System.out.flush();
        System.err.println();
        System.err.println("Not written yet: " + what);
        System.err.println("  " + e.getMessage());
        System.err.println(orReference("This experiment needs it. Write it (./mvnw test -Dlesson=" + number + " checks it)"));
    }

    private static void failed(Throwable e) {
        System.out.flush();
        System.err.println();
        System.err.println("The experiment failed: " + e);
        for (StackTraceElement frame : lessonFrames(e)) {
            System.err.println("    at " + frame);
        }
        if (!reference) {
            System.err.println(orReference("If the cause is in your code, its checks say more: ./mvnw test -Dlesson=" + number));
        }
    }

    private static List<StackTraceElement> lessonFrames(Throwable e) {
        List<StackTraceElement> frames = new ArrayList<>();
        for (StackTraceElement frame : e.getStackTrace()) {
            if (!packageName.isEmpty() && frame.getClassName().startsWith(packageName + ".")) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String orReference(String advice) {
        return reference ? advice + "."
                : interactive() ? advice + ", or start the session on the reference solution:\n  ./kata jshell " + number + " --reference"
                : advice + ", or run the experiment on the reference solution:\n  ./jbang lessons/" + lessonId + "/explore.jsh --reference";
    }

    private static String show(Path path) {
        Path p = path.isAbsolute() && path.startsWith(ROOT) ? ROOT.relativize(path) : path;
        return p.toString().replace('\\', '/');
    }

    /** Ends the experiment with a message and exit status 1. */
    private static void stop(String message) {
        System.out.flush();
        System.err.println(message);
        System.exit(1);
    }
}

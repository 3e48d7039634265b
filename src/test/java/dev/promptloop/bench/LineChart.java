package dev.promptloop.bench;

import java.util.List;
import java.util.Locale;

/** A small SVG line chart of one series in [0, 1], for benchmark reports. */
final class LineChart {

    private LineChart() {
    }

    static String svg(String title, List<String> labels, List<Double> values, double target) {
        int width = 640;
        int height = 360;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 50;
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", left, title));
        for (int tick = 0; tick <= 4; tick++) {
            double y = top + plotHeight - plotHeight * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    left, y, width - right, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>%n",
                    left - 8, y + 4, tick * 25));
        }
        double targetY = top + plotHeight - plotHeight * target;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c33\" "
                + "stroke-dasharray=\"6 4\"/>%n", left, targetY, width - right, targetY));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#c33\" text-anchor=\"end\">target "
                + "%.0f%%</text>%n", width - right, targetY - 6, target * 100));
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double x = left + (values.size() == 1 ? plotWidth / 2 : plotWidth * i / (values.size() - 1));
            double y = top + plotHeight - plotHeight * values.get(i);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#2a6\"/>%n", x, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    height - bottom + 20, labels.get(i)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f%%</text>%n",
                    x, y - 10, values.get(i) * 100));
        }
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"#2a6\" "
                + "stroke-width=\"2\"/>%n", points.toString().strip()));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">version</text>%n",
                left + plotWidth / 2, height - 10));
        return svg.append("</svg>\n").toString();
    }
}

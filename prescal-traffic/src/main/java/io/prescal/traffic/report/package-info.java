/**
 * What a run measured and how it is shown: {@link io.prescal.traffic.report.RunRecorder} builds a
 * {@link io.prescal.traffic.report.RunResult} from the engine's intervals; the text report, JSON
 * summary, CSV timeline, HdrHistogram log and HTML page ({@link
 * io.prescal.traffic.report.HtmlReport}) write it out; {@link io.prescal.traffic.report.Slo} checks
 * it against an objective.
 */
package io.prescal.traffic.report;

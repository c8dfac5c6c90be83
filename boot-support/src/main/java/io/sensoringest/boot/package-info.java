/**
 * The little Spring code that the producer, the consumer and the operator's CLI share:
 * how an app starts ({@link AppStart}) and stops ({@link StopSignals}), how settings are
 * bound ({@link SettingsBinder}) and checked ({@link SettingErrors}), and the one line
 * that a bad setting or a refusing server ends an app with
 * ({@link StartupFailureAnalyzer}).
 */
package io.sensoringest.boot;

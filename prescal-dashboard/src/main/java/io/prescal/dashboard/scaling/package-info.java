/** The scaling timeline: each scale decision with its inputs and reason. */
package io.prescal.dashboard.scaling;

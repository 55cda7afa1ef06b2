# reset-timer: goodput around the handover against the outage length.
if (!exists("dir")) dir = "results/reset-timer"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Goodput from 1 s before the beacon loss, over 8 s"
set xlabel "Outage: last byte to confirmed update (s; AP spacing 100-200 m at 15 m/s)"
set ylabel "Mean goodput in the window (Mb/s)"
set key top right
set yrange [0:*]
@PNG; set output dir."/goodput.png"
plot f using (sel("reset", "outage_s")):"goodput_window_mbps":"goodput_window_mbps_ci95" with yerrorlines ls 1 title "ResetTimer called", \
     f using (sel("no-reset", "outage_s")):"goodput_window_mbps":"goodput_window_mbps_ci95" with yerrorlines ls 2 title "ResetTimer not called"
@SVG; set output dir."/goodput.svg"
replot

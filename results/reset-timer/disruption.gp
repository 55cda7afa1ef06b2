# reset-timer: disruption against the outage length, ResetTimer called or not.
if (!exists("dir")) dir = "results/reset-timer"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Disruption of a MobiSocket connection across a WiFi handover"
set xlabel "Outage: last byte to confirmed update (s; AP spacing 100-200 m at 15 m/s)"
set ylabel "Disruption: last byte before to first byte after (s)"
set key top left
set yrange [0:*]
set style fill solid 0.2
@PNG; set output dir."/disruption.png"
plot f using (sel("reset", "outage_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 title "ResetTimer called", \
     f using (sel("no-reset", "outage_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 2 title "ResetTimer not called", \
     f using (sel("reset", "outage_s")):"outage_s" with lines ls 7 title "path usable again (update confirmed)"
@SVG; set output dir."/disruption.svg"
replot

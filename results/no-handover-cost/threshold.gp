# no-handover-cost: the redirect daemon's age threshold: connections prepared and their energy.
if (!exists("dir")) dir = "results/no-handover-cost"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Redirect daemon, no handover: preparations against the age threshold"
set xlabel "PrepareAfter (s)"
set ylabel "Connections prepared (key agreements)"
set y2label "MH crypto energy (mJ)"
set ytics nomirror
set y2tics
set key top right
set yrange [0:*]
set y2range [0:*]
@PNG; set output dir."/threshold.png"
plot f using (selg("threshold", "redirect", "x")):"connections_prepared":"connections_prepared_ci95" with yerrorlines ls 5 title "connections prepared", \
     f using (selg("threshold", "redirect", "x")):(column("mh_energy_j")*1e3) axes x1y2 with linespoints ls 4 dt 2 title "MH crypto energy"
@SVG; set output dir."/threshold.svg"
replot

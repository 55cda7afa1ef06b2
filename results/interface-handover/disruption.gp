# interface-handover: disruption of a CopyTcb to the second interface, against its path delay.
if (!exists("dir")) dir = "results/interface-handover"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "CopyTcb from WiFi to a second interface"
set xlabel "Second interface's one-way delay to the router, secondDelayMs (ms)"
set ylabel "Disruption (s)"
set key top left
set yrange [0:*]
@PNG; set output dir."/disruption.png"
plot f using (sel("make-before-break", "x")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 title "make-before-break", \
     f using (sel("break-before-make", "x")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 2 title "break-before-make"
@SVG; set output dir."/disruption.svg"
replot

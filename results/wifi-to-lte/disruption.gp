# wifi-to-lte: disruption of a CopyTcb from WiFi to LTE against the missed
# beacons that make the station notice the WiFi loss; break-before-make's
# detection and LTE attach drawn beside it.
if (!exists("dir")) dir = "results/wifi-to-lte"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "CopyTcb from WiFi to LTE (ns-3 LTE/EPC, real RRC)"
set xlabel "Beacons missed before the station notices the loss, maxMissedBeacons"
set ylabel "Time (s)"
set key top left
set yrange [0:*]
set xrange [1.5:10.5]
@PNG; set output dir."/disruption.png"
plot f using (sel("make-before-break", "x")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 title "make-before-break: disruption", \
     f using (sel("break-before-make", "x")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 2 title "break-before-make: disruption", \
     f using (sel("break-before-make", "x")):"detection_s" with linespoints ls 3 title "break-before-make: loss noticed", \
     f using (sel("break-before-make", "x")):"l2_handoff_s" with linespoints ls 4 title "break-before-make: LTE attach"
@SVG; set output dir."/disruption.svg"
replot

# signalling-loss: disruption and survival per scheme against the loss of signalling messages.
if (!exists("dir")) dir = "results/signalling-loss"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Handover disruption when signalling messages are lost (stream, signal roaming)"
set xlabel "Loss of each signalling message per link crossed, signallingLossRate (%)"
set ylabel "Disruption, surviving runs (s)"
set key top left
set yrange [0:*]
@PNG; set output dir."/disruption.png"
plot f using (sel("mobisocket-direct", "x")*100):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 title "MobiSocket, SIP INFO direct", \
     f using (sel("mobisocket-proxy", "x")*100):"disruption_s":"disruption_s_ci95" with yerrorlines ls 2 title "MobiSocket, SIP INFO via proxy", \
     f using (sel("mobisocket-inband", "x")*100):"disruption_s":"disruption_s_ci95" with yerrorlines ls 3 title "MobiSocket, in-band AddChange", \
     f using (sel("tcp-r", "x")*100):"disruption_s":"disruption_s_ci95" with yerrorlines ls 4 title "TCP-R", \
     f using (sel("migrate", "x")*100):"disruption_s":"disruption_s_ci95" with yerrorlines ls 8 title "TCP Migrate", \
     f using (sel("redirect", "x")*100):"disruption_s":"disruption_s_ci95" with yerrorlines ls 5 title "Redirect daemon"
@SVG; set output dir."/disruption.svg"
replot

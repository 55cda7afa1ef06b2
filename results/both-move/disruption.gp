# both-move: the larger of the two disruptions (runs that survived), against the skew.
if (!exists("dir")) dir = "results/both-move"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Both ends hand over: the longer of the two disruptions (surviving runs)"
set xlabel "The CH moves this long after the MH, chMoveSkewMs (ms)"
set ylabel "Disruption (s)"
set key top left
set yrange [0:*]
@PNG; set output dir."/disruption.png"
plot f using (sel("mobisocket-direct", "x")):"max_disruption_s":"max_disruption_s_ci95" with yerrorlines ls 1 title "MobiSocket (SIP INFO direct)", \
     f using (sel("mobisocket-proxy", "x")):"max_disruption_s":"max_disruption_s_ci95" with yerrorlines ls 2 title "MobiSocket (SIP INFO via proxy)", \
     f using (sel("mobisocket-inband", "x")):"max_disruption_s":"max_disruption_s_ci95" with yerrorlines ls 3 title "MobiSocket (in-band AddChange)", \
     f using (sel("tcp-r", "x")):"max_disruption_s":"max_disruption_s_ci95" with yerrorlines ls 4 title "TCP-R", \
     f using (sel("migrate", "x")):"max_disruption_s":"max_disruption_s_ci95" with yerrorlines ls 8 title "TCP Migrate (DNS rendezvous)", \
     f using (sel("redirect", "x")):"max_disruption_s":"max_disruption_s_ci95" with yerrorlines ls 5 title "Redirect daemon"
@SVG; set output dir."/disruption.svg"
replot

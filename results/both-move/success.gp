# both-move: fraction of runs whose connection survived, against the skew between the moves.
if (!exists("dir")) dir = "results/both-move"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Both ends hand over: connections that survive"
set xlabel "The CH moves this long after the MH, chMoveSkewMs (ms)"
set ylabel "Runs that survived (fraction, Wilson 95 % interval)"
set key center right
set yrange [-0.05:1.05]
@PNG; set output dir."/success.png"
plot f using (sel("mobisocket-direct", "x")-30):"success_rate":"success_low":"success_high" with yerrorlines ls 1 title "MobiSocket (SIP INFO direct)", \
     f using (sel("mobisocket-proxy", "x")-15):"success_rate":"success_low":"success_high" with yerrorlines ls 2 title "MobiSocket (SIP INFO via proxy)", \
     f using (sel("mobisocket-inband", "x")):"success_rate":"success_low":"success_high" with yerrorlines ls 3 title "MobiSocket (in-band AddChange)", \
     f using (sel("tcp-r", "x")+15):"success_rate":"success_low":"success_high" with yerrorlines ls 4 title "TCP-R", \
     f using (sel("migrate", "x")+22):"success_rate":"success_low":"success_high" with yerrorlines ls 8 title "TCP Migrate (DNS rendezvous)", \
     f using (sel("redirect", "x")+30):"success_rate":"success_low":"success_high" with yerrorlines ls 5 title "Redirect daemon"
@SVG; set output dir."/success.svg"
replot

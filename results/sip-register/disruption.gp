# sip-register: disruption, INFO direct vs via the proxy, against the proxy round trip.
if (!exists("dir")) dir = "results/sip-register"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Disruption with SIP signalling"
set xlabel "Round trip router - SIP proxy, proxyRttMs (ms)"
set ylabel "Disruption (s)"
set key top left
@PNG; set output dir."/disruption.png"
plot f using (sel("mobisocket-direct", "x")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 title "INFO direct", \
     f using (sel("mobisocket-proxy", "x")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 2 title "INFO via the proxy after re-REGISTER"
@SVG; set output dir."/disruption.svg"
replot

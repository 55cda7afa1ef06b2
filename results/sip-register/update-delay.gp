# sip-register: time from the new lease to the confirmed update, INFO direct vs via the proxy.
if (!exists("dir")) dir = "results/sip-register"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "SIP update after the new lease: INFO direct vs after re-REGISTER via the proxy"
set xlabel "Round trip router - SIP proxy, proxyRttMs (ms)"
set ylabel "Lease to confirmed update (ms)"
set key top left
set yrange [0:*]
@PNG; set output dir."/update-delay.png"
plot f using (sel("mobisocket-direct", "x")):(column("confirm_s")*1e3):(column("confirm_s_ci95")*1e3) with yerrorlines ls 1 title "INFO direct (CH's key from the INVITE)", \
     f using (sel("mobisocket-proxy", "x")):(column("confirm_s")*1e3):(column("confirm_s_ci95")*1e3) with yerrorlines ls 2 title "re-REGISTER, then INFO via the proxy"
@SVG; set output dir."/update-delay.svg"
replot

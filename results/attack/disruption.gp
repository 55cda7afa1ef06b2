# attack: the MH's handover disruption under an on-path flood of forgeries
# (1-4 s; the MH's new address at 2.5 s), per scheme, with and without a
# budget of checks. Data: points.csv (results/attack/summarize.py).
if (!exists("dir")) dir = "results/attack"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
on(s, b, c) = (strcol("scheme") eq s && strcol("attacker") eq "on-path forge" && column("check_rate_per_s") == b) ? column(c) : NaN
set title "On-path flood of forgeries: the genuine handover's disruption"
set xlabel "Forged updates per second"
set ylabel "Disruption (s), mean over the attacker's phases"
set logscale x
set key top left
set yrange [0:8]
set arrow from 1230.6, graph 0 to 1230.6, graph 1 nohead dt 3 lc rgb "#888888"
set label "CH CPU saturated by\nEd25519 checks (1231/s)" at 1400, 5.2 font ",9"
@PNG; set output dir."/disruption.png"
plot f using (on("mobisocket-inband", 0, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 3 title "MobiSocket in band", \
     f using (on("mobisocket-direct", 0, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 title "MobiSocket, SIP INFO (direct)", \
     f using (on("tcp-r", 0, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 4 title "TCP-R", \
     f using (on("redirect", 0, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 5 title "Redirect daemon", \
     f using (on("migrate", 0, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 8 title "TCP Migrate", \
     f using (on("mobisocket-inband", 50, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 3 dt 2 title "MobiSocket, CheckRate 50/s", \
     f using (on("mobisocket-direct", 50, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 dt 2 title "MobiSocket SIP, CheckRate 50/s", \
     f using (on("tcp-r", 50, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 4 dt 2 title "TCP-R, CheckRate 50/s", \
     f using (on("redirect", 50, "rate_per_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 5 dt 2 title "Redirect daemon, CheckRate 50/s"
@SVG; set output dir."/disruption.svg"
replot

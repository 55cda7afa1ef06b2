# no-handover-cost: MH energy spent on cryptography with no handover, against the connections.
if (!exists("dir")) dir = "results/no-handover-cost"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "No handover: MH battery energy spent on per-connection cryptography"
set xlabel "Browsing connections opened (Poisson, 0.5 s apart; Pareto lifetimes, mean 10 s)"
set ylabel "MH crypto energy (mJ)"
set key top left
set yrange [0:*]
@PNG; set output dir."/energy.png"
plot f using (selg("connections", "tcp-r", "x")):(column("mh_energy_j")*1e3):(column("mh_energy_j_ci95")*1e3) with yerrorlines ls 4 title "TCP-R", \
     f using (selg("connections", "redirect-60", "x")):(column("mh_energy_j")*1e3):(column("mh_energy_j_ci95")*1e3) with yerrorlines ls 5 title "Redirect daemon (threshold 60 s)", \
     f using (selg("connections", "mobisocket-inband", "x")):(column("mh_energy_j")*1e3):(column("mh_energy_j_ci95")*1e3) with yerrorlines ls 1 title "MobiSocket", \
     f using (selg("connections", "tcp", "x")):(column("mh_energy_j")*1e3) with lines ls 6 dt 3 title "Plain TCP"
@SVG; set output dir."/energy.svg"
replot

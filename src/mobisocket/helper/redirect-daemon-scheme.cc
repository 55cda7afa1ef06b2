/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "redirect-daemon-scheme.h"

#include "attack-surface.h"
#include "handover-timeline.h"
#include "scoped-attribute-defaults.h"

#include "ns3/boolean.h"
#include "ns3/ns3-compat.h"
#include "ns3/redirect-daemon.h"
#include "ns3/redirect-socket-factory.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

RedirectDaemonScheme::RedirectDaemonScheme(const SchemeParameters& parameters)
    : MobilityScheme(parameters)
{
}

std::string
RedirectDaemonScheme::GetName() const
{
    return "redirect";
}

MobilityScheme::SignallingTraits
RedirectDaemonScheme::GetSignallingTraits() const
{
    SignallingTraits t;
    t.keepsConnections = true;
    t.preparedOnly = true;
    TypeId daemon = RedirectDaemon::GetTypeId();
    t.controlRtoS = InitialValueOf<TimeValue>(daemon, "RetransmissionTimeout").GetSeconds();
    t.controlRetransmissions = InitialValueOf<UintegerValue>(daemon, "MaxRetransmissions");
    return t;
}

TypeId
RedirectDaemonScheme::GetSocketFactory() const
{
    return RedirectSocketFactory::GetTypeId();
}

void
RedirectDaemonScheme::UseHelper(const RedirectDaemonHelper& helper)
{
    m_helper = helper;
}

void
RedirectDaemonScheme::Install(const SchemeEnvironment& environment)
{
    MobilityScheme::Install(environment);
    if (!m_helper)
    {
        const SchemeParameters& p = GetParameters();
        m_helper.emplace();
        m_helper->SetDaemonAttribute("PrepareAfter", TimeValue(Seconds(p.prepareAfterS)));
        m_helper->SetDaemonAttribute("ScanInterval", TimeValue(MilliSeconds(p.daemonScanMs)));
        m_helper->SetDaemonAttribute("ResetTimer", BooleanValue(p.resetTimer));
        m_helper->SetSocketAttribute("CongestionPolicy", StringValue(p.congestionPolicy));
    }
    for (Host host : HOSTS)
    {
        Ptr<RedirectDaemon> daemon =
            DynamicCast<RedirectDaemon>(m_helper->Install(GetHostNode(host)).Get(0));
        m_daemons[IndexOf(host)] = daemon;
        if (HandoverTimeline* timeline = environment.timeline)
        {
            // Each prepared connection's exchange, on the timeline of this host
            // (a raw pointer: a Ptr in its own trace would keep the daemon alive).
            RedirectDaemon* source = PeekPointer(daemon);
            daemon->TraceConnectWithoutContext(
                "ConnectionPrepared",
                MakeLambdaCallback<void, uint64_t>([timeline, host, source](uint64_t id) {
                    timeline->WatchExchange(host, source->GetExchange(id));
                }));
        }
    }
}

void
RedirectDaemonScheme::AddressChanged(Host host, const IpAddress& address)
{
    // With DHCP the daemon has noticed already (its own NewLease sink); the
    // call is then a no-op. Without DHCP (the wired test bed) it is how the
    // daemon learns.
    GetDaemon(host)->NotifyAddressChange(address.GetIpv4());
}

void
RedirectDaemonScheme::AddResults(ScenarioResult& result) const
{
    result.connections.prepared = GetDaemon(Host::MH)->GetConnectionsPrepared();
}

Ptr<RedirectDaemon>
RedirectDaemonScheme::GetDaemon(Host host) const
{
    return m_daemons[IndexOf(host)];
}

Ptr<AttackSurface>
RedirectDaemonScheme::GetAttackSurface() const
{
    // Before Install (Validate), the default port stands in.
    UintegerValue port(RedirectDaemon::DEFAULT_PORT);
    if (Ptr<RedirectDaemon> daemon = m_daemons[IndexOf(Host::CH)])
    {
        daemon->GetAttribute("Port", port);
    }
    return ns3::Create<DaemonDatagramSurface>(static_cast<uint16_t>(port.Get()));
}

ExchangePrediction
RedirectDaemonScheme::PredictExchange(const ExchangePath& path) const
{
    // The daemons' UDP RedirectRequest and RedirectAck (IP sizes), each with
    // an HMAC; the connection must have been prepared before the move.
    return path.Predict(ExchangePath::Keyed(path.GetCpu(), 90, 86));
}

} // namespace ns3

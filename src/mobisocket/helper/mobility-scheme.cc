/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobility-scheme.h"

#include "attack-surface.h"
#include "dns-rendezvous-helper.h"
#include "mobi-socket-schemes.h"
#include "plain-tcp-scheme.h"
#include "redirect-daemon-scheme.h"
#include "tcp-migrate-scheme.h"
#include "tcp-r-scheme.h"

#include "ns3/abort.h"
#include "ns3/socket.h"

#include <functional>
#include <map>

namespace ns3
{

namespace
{

/// How to make one scheme.
using SchemeFactory = std::function<Ptr<MobilityScheme>(const SchemeParameters&)>;

/// \return a factory of scheme S
template <class S>
SchemeFactory
Make()
{
    return [](const SchemeParameters& p) { return ns3::Create<S>(p); };
}

/**
 * \param mode how the INFO travels
 * \return a factory of the SIP scheme with that mode
 */
SchemeFactory
MakeSip(SipUserAgent::UpdateMode mode)
{
    return [mode](const SchemeParameters& p) { return ns3::Create<MobiSocketSipScheme>(p, mode); };
}

/// Every scheme, by protocol and (for MobiSocket) signalling.
const std::map<std::pair<std::string, std::string>, SchemeFactory>&
Schemes()
{
    static const std::map<std::pair<std::string, std::string>, SchemeFactory> schemes = {
        {{"tcp", ""}, Make<PlainTcpScheme>()},
        {{"tcp-r", ""}, Make<TcpRScheme>()},
        {{"migrate", ""}, Make<TcpMigrateScheme>()},
        {{"redirect", ""}, Make<RedirectDaemonScheme>()},
        {{"mobisocket", "inband"}, Make<MobiSocketInBandScheme>()},
        {{"mobisocket", "application"}, Make<MobiSocketApplicationScheme>()},
        {{"mobisocket", "direct"}, MakeSip(SipUserAgent::DIRECT)},
        {{"mobisocket", "proxy"}, MakeSip(SipUserAgent::VIA_PROXY)},
    };
    return schemes;
}

} // namespace

Ptr<MobilityScheme>
MobilityScheme::Create(const SchemeParameters& p)
{
    // Signalling only tells MobiSocket's variants apart.
    const auto& schemes = Schemes();
    auto scheme = schemes.find({p.protocol, ""});
    if (scheme == schemes.end())
    {
        scheme = schemes.find({p.protocol, p.signalling});
    }
    NS_ABORT_MSG_IF(scheme == schemes.end(),
                    "no scheme for protocol '" << p.protocol << "', signalling '" << p.signalling
                                               << "' (run Validate() first)");
    return scheme->second(p);
}

std::string
MobilityScheme::Validate(const SchemeParameters& parameters, const Requirements& requirements)
{
    std::string error = parameters.Validate();
    if (!error.empty())
    {
        return error;
    }
    Ptr<MobilityScheme> scheme = Create(parameters);
    if (requirements.attacked && !scheme->GetAttackSurface())
    {
        return scenario_parameters::Bad(
            "attacker",
            "needs a scheme whose address changes travel in messages "
            "an attacker can forge (mobisocket with "
            "signalling=inband, direct or proxy, tcp-r, redirect, migrate)",
            scheme->GetName());
    }
    if (requirements.ipv6 && !scheme->RunsOnIpv6())
    {
        return scenario_parameters::Bad("ipVersion",
                                        "6 needs a scheme that runs on IPv6 hosts (tcp or "
                                        "mobisocket); " +
                                            scheme->GetName() + " is IPv4-only",
                                        "6");
    }
    return scheme->CheckRequirements(requirements);
}

MobilityScheme::MobilityScheme(const SchemeParameters& parameters)
    : m_parameters(parameters)
{
}

MobilityScheme::~MobilityScheme() = default;

void
MobilityScheme::Install(const SchemeEnvironment& environment)
{
    m_environment = environment;
    if (!m_environment.services)
    {
        m_environment.services = std::make_shared<SchemeServices>();
    }
}

int64_t
MobilityScheme::AssignStreams(int64_t /* stream */)
{
    return 0;
}

void
MobilityScheme::StartSession()
{
    if (!m_environment.startData.IsNull())
    {
        m_environment.startData();
    }
}

void
MobilityScheme::Connected(Host /* host */, Ptr<Socket> /* socket */)
{
}

void
MobilityScheme::LinkLost(Host /* host */)
{
}

void
MobilityScheme::AddressAssigned(Host /* host */, const IpAddress& /* address */)
{
}

void
MobilityScheme::AddressChanged(Host /* host */, const IpAddress& /* address */)
{
}

Ptr<AttackSurface>
MobilityScheme::GetAttackSurface() const
{
    return nullptr;
}

ExchangePrediction
MobilityScheme::PredictExchange(const ExchangePath& /* path */) const
{
    ExchangePrediction e;
    e.reason = GetName() + " keeps no connection across an address change";
    return e;
}

MobilityScheme::SignallingTraits
MobilityScheme::GetSignallingTraits() const
{
    return SignallingTraits{};
}

void
MobilityScheme::AddResults(ScenarioResult& /* result */) const
{
}

bool
MobilityScheme::RunsOnIpv6() const
{
    return false;
}

std::string
MobilityScheme::CheckRequirements(const Requirements& requirements) const
{
    if (requirements.interfaceHandover)
    {
        return scenario_parameters::Bad("interfaceHandover",
                                        "needs protocol=mobisocket and signalling=inband (CopyTcb "
                                        "announces the new port in band)",
                                        GetName());
    }
    return "";
}

const SchemeParameters&
MobilityScheme::GetParameters() const
{
    return m_parameters;
}

const SchemeEnvironment&
MobilityScheme::GetEnvironment() const
{
    return m_environment;
}

Ptr<Node>
MobilityScheme::GetHostNode(Host host) const
{
    return m_environment.hosts[IndexOf(host)];
}

std::string
MobilityScheme::GetHostLabel(Host host) const
{
    std::string label = host == Host::MH ? "mh" : "ch";
    return m_environment.pairIndex == 0 ? label
                                        : label + std::to_string(m_environment.pairIndex + 1);
}

SchemeServices&
MobilityScheme::GetServices() const
{
    NS_ABORT_MSG_IF(!m_environment.services, "MobilityScheme: GetServices() before Install()");
    return *m_environment.services;
}

} // namespace ns3

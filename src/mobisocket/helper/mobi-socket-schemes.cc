/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobi-socket-schemes.h"

#include "attack-surface.h"
#include "handover-timeline.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/mobi-socket-factory.h"
#include "ns3/ns3-compat.h"
#include "ns3/sip-proxy.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-list.h"

#include <algorithm>

namespace ns3
{

namespace
{
/// The users' SIP domain.
const char* const SIP_DOMAIN = "mobisocket.test";
/// The first pair's key generator's fixed stream (the n-th pair's: this + n), drawn before
/// any other stream is assigned.
constexpr int64_t KEY_STREAM = 1000000;
} // namespace

// ---------------------------------------------------------------------------------------------

MobiSocketScheme::MobiSocketScheme(const SchemeParameters& parameters)
    : MobilityScheme(parameters)
{
}

TypeId
MobiSocketScheme::GetSocketFactory() const
{
    return MobiSocketFactory::GetTypeId();
}

bool
MobiSocketScheme::RunsOnIpv6() const
{
    return true;
}

void
MobiSocketScheme::Install(const SchemeEnvironment& environment)
{
    MobilityScheme::Install(environment);
    const SchemeParameters& p = GetParameters();
    m_helper.SetSocketAttribute("MobilityEnabled", BooleanValue(environment.offerMobility));
    m_helper.SetSocketAttribute("Signalling", EnumValue(GetSignalling()));
    m_helper.SetSocketAttribute("ResetTimerAfterChange", BooleanValue(p.resetTimer));
    m_helper.SetSocketAttribute("CongestionPolicy", StringValue(p.congestionPolicy));
    m_helper.Install(NodeContainer(environment.hosts[0], environment.hosts[1]));
    // Only the key generator now, before the keys are drawn: the nodes' demux
    // and crypto agents get their streams later, with every scheme's.
    m_helper.AssignStreams(NodeContainer(), KEY_STREAM + environment.pairIndex);
    for (Host host : HOSTS)
    {
        m_keys[IndexOf(host)] = m_helper.GenerateKeyPair();
    }
}

const Ed25519KeyPair&
MobiSocketScheme::GetKeyPair(Host host) const
{
    return m_keys[IndexOf(host)];
}

// ---------------------------------------------------------------------------------------------

MobiSocketInBandScheme::MobiSocketInBandScheme(const SchemeParameters& parameters)
    : MobiSocketScheme(parameters)
{
}

std::string
MobiSocketInBandScheme::GetName() const
{
    return "mobisocket-inband";
}

MobilityScheme::SignallingTraits
MobiSocketInBandScheme::GetSignallingTraits() const
{
    SignallingTraits t;
    t.keepsConnections = true;
    return t;
}

MobiSocket::Signalling
MobiSocketInBandScheme::GetSignalling() const
{
    return MobiSocket::IN_BAND;
}

std::string
MobiSocketInBandScheme::CheckRequirements(const Requirements& /* requirements */) const
{
    return ""; // many connections, and CopyTcb to another interface
}

void
MobiSocketInBandScheme::Connected(Host host, Ptr<Socket> socket)
{
    Ptr<MobiSocket> mobi = DynamicCast<MobiSocket>(socket);
    if (!mobi)
    {
        return;
    }
    const SchemeEnvironment& environment = GetEnvironment();
    if (environment.giveKeys)
    {
        mobi->SetLocalKeyPair(GetKeyPair(host));
        if (environment.givePeerKeys)
        {
            mobi->SetPeerPublicKey(GetKeyPair(PeerOf(host)).publicKey);
        }
    }
    if (environment.timeline)
    {
        environment.timeline->WatchExchange(host, mobi->GetExchange());
    }
}

void
MobiSocketInBandScheme::AddressChanged(Host host, const IpAddress& address)
{
    // The application updates every connection it holds; the sockets tell the peers.
    for (Ptr<MobiSocket> socket : GetTcpSockets<MobiSocket>(GetHostNode(host)))
    {
        if (socket->IsMobilityActive() &&
            socket->UpdateTcb(MobiSocket::SOURCE, address.ToSocketAddress(0)) != 0)
        {
            socket->GetExchange()->ReportFailure(0, ChangeFailReason::UPDATE_REFUSED);
        }
    }
}

Ptr<AttackSurface>
MobiSocketInBandScheme::GetAttackSurface() const
{
    return ns3::Create<TcpControlSurface>(MobilityControlHeader::ADD_CHANGE, MobiSocket::EXID);
}

ExchangePrediction
MobiSocketInBandScheme::PredictExchange(const ExchangePath& path) const
{
    // The AddChange segment and the AddConfirm, IPv4 (IP, TCP with URG and
    // the envelope, the signed message), at their IP sizes.
    return path.Predict(ExchangePath::Signed(path.GetCpu(), 146, 142));
}

// ---------------------------------------------------------------------------------------------

MobiSocketSipScheme::MobiSocketSipScheme(const SchemeParameters& parameters,
                                         SipUserAgent::UpdateMode mode)
    : MobiSocketScheme(parameters),
      m_mode(mode)
{
}

std::string
MobiSocketSipScheme::GetName() const
{
    return "mobisocket-" + GetParameters().signalling;
}

MobilityScheme::SignallingTraits
MobiSocketSipScheme::GetSignallingTraits() const
{
    SignallingTraits t;
    t.keepsConnections = true;
    t.sipSession = true;
    t.rendezvous = m_mode == SipUserAgent::VIA_PROXY ? Rendezvous::REGISTRAR : Rendezvous::NONE;
    return t;
}

MobiSocket::Signalling
MobiSocketSipScheme::GetSignalling() const
{
    return MobiSocket::APPLICATION;
}

std::string
MobiSocketSipScheme::CheckRequirements(const Requirements& requirements) const
{
    if (requirements.manyConnections)
    {
        return scenario_parameters::Bad(
            "signalling",
            "must be inband with traffic=browsing (no SIP session carries it)",
            GetParameters().signalling);
    }
    return MobilityScheme::CheckRequirements(requirements);
}

void
MobiSocketSipScheme::Install(const SchemeEnvironment& environment)
{
    MobiSocketScheme::Install(environment);
    const SchemeParameters& p = GetParameters();
    SchemeServices& services = GetServices();
    if (!services.registrar)
    {
        // The first pair's scheme installs the registrar; the others' users register with it.
        services.registrar = CreateObject<SipProxy>();
        services.registrar->SetAttribute("Address", Ipv4AddressValue(environment.proxyAddress));
        if (environment.proxyAddress6 != Ipv6Address::GetAny())
        {
            // The hosts are IPv6: the registrar serves IPv6 only.
            services.registrar->SetAttribute("Ipv6Address",
                                             Ipv6AddressValue(environment.proxyAddress6));
        }
        environment.proxy->AddApplication(services.registrar);
    }
    for (Host host : HOSTS)
    {
        Ptr<SipUserAgent> agent = CreateObject<SipUserAgent>();
        agent->SetAttribute("Aor", StringValue(GetAor(host)));
        agent->SetAttribute("ProxyAddress", Ipv4AddressValue(environment.proxyAddress));
        if (environment.proxyAddress6 != Ipv6Address::GetAny())
        {
            agent->SetAttribute("ProxyIpv6Address", Ipv6AddressValue(environment.proxyAddress6));
        }
        agent->SetAttribute("UpdateMode", EnumValue(m_mode));
        agent->SetAttribute("ResetTimer", BooleanValue(p.resetTimer));
        agent->SetAttribute("T1", TimeValue(MilliSeconds(p.sipT1Ms)));
        agent->SetAttribute("T2", TimeValue(MilliSeconds(p.sipT2Ms)));
        agent->SetKeyPair(GetKeyPair(host));
        agent->TraceConnectWithoutContext("Registered",
                                          MakeLambdaCallback<void, const std::string&, Time>(
                                              [this](const std::string&, Time) { Registered(); }));
        GetHostNode(host)->AddApplication(agent);
        if (environment.timeline)
        {
            environment.timeline->WatchExchange(host, agent->GetExchange());
        }
        m_agents[IndexOf(host)] = agent;
    }
    Callback<void> startData = environment.startData;
    if (startData.IsNull())
    {
        return; // the scenario starts the data on its own schedule
    }
    GetUserAgent(Host::MH)->TraceConnectWithoutContext(
        "SessionEstablished",
        MakeLambdaCallback<void, const std::string&, const std::string&>(
            [startData](const std::string&, const std::string&) { startData(); }));
}

int64_t
MobiSocketSipScheme::AssignStreams(int64_t stream)
{
    int64_t used = 0;
    for (Host host : {Host::CH, Host::MH})
    {
        used += GetUserAgent(host)->AssignStreams(stream + used);
    }
    return used;
}

void
MobiSocketSipScheme::StartSession()
{
    for (Host host : {Host::CH, Host::MH})
    {
        GetUserAgent(host)->Register();
    }
}

void
MobiSocketSipScheme::Registered()
{
    // The MH calls once both users are registered (only the first time).
    if (++m_registrations == 2)
    {
        GetUserAgent(Host::MH)->Call(GetAor(Host::CH));
    }
}

void
MobiSocketSipScheme::Connected(Host host, Ptr<Socket> socket)
{
    GetUserAgent(host)->SetSessionSocket(DynamicCast<MobiSocket>(socket));
}

void
MobiSocketSipScheme::AddressChanged(Host host, const IpAddress& address)
{
    GetUserAgent(host)->NotifyAddressChange(address); // UpdateTcb, then the INFO
}

std::string
MobiSocketSipScheme::GetAor(Host host) const
{
    return "sip:" + GetHostLabel(host) + "@" + SIP_DOMAIN;
}

Ptr<AttackSurface>
MobiSocketSipScheme::GetAttackSurface() const
{
    // The attacked end is the CH; the users' addresses of record are public.
    return ns3::Create<SipInfoSurface>(GetAor(Host::CH),
                                       GetAor(Host::MH),
                                       SipUserAgent::DEFAULT_PORT,
                                       MobiSocket::EXID);
}

ExchangePrediction
MobiSocketSipScheme::PredictExchange(const ExchangePath& path) const
{
    // IP sizes of the INFO carrying the signed AddChange or AddConfirm
    // (sent straight, or on the two legs through the proxy, which adds its
    // Via), of a REGISTER and of its 200.
    const uint32_t info = 623;
    const uint32_t proxiedInfo = 657;
    const uint32_t registerBytes = 347;
    const uint32_t registeredBytes = 319;
    const ExchangePath::Cpu& cpu = path.GetCpu();
    ExchangePath::RequestAnswer x = ExchangePath::Signed(cpu, info, info);
    if (m_mode == SipUserAgent::DIRECT)
    {
        // Two earlier packets to the mover start the new AP's ARP before the
        // peer's INFO: the peer's 200, sent on receipt of the INFO, before
        // the verification and the answer's signature; and the proxy's 200
        // to the REGISTER the mover sends right after its INFO.
        double infoRound = 2 * path.Direct(info).meanS + cpu.verifyS + cpu.signS;
        double registration = path.ProxyTransaction(registerBytes, registeredBytes).meanS;
        x.answerArpHeadStartS = std::max(cpu.verifyS + cpu.signS, infoRound - registration);
        return path.Predict(x);
    }
    ExchangePrediction e = path.Predict(x);
    // Through the proxy: re-REGISTER first (its request waits for the MH's
    // ARP, its 200 for the AP's), then sign and send the INFO through the
    // proxy; the peer's INFO comes back through it, ARP long resolved.
    DelayRange fixed = DelayRange::Fixed(cpu.signS + cpu.verifyS);
    e.update = path.Arp() + path.ProxyTransaction(registerBytes, registeredBytes) + path.Arp() +
               fixed + path.ViaProxy(proxiedInfo);
    e.peerArpAtAnswer = DelayRange{};
    e.confirm = fixed + path.ViaProxy(proxiedInfo);
    return e;
}

Ptr<SipUserAgent>
MobiSocketSipScheme::GetUserAgent(Host host) const
{
    return m_agents[IndexOf(host)];
}

// ---------------------------------------------------------------------------------------------

MobiSocketApplicationScheme::MobiSocketApplicationScheme(const SchemeParameters& parameters)
    : MobiSocketScheme(parameters)
{
}

std::string
MobiSocketApplicationScheme::GetName() const
{
    return "mobisocket-application";
}

MobilityScheme::SignallingTraits
MobiSocketApplicationScheme::GetSignallingTraits() const
{
    SignallingTraits t;
    t.keepsConnections = true;
    t.fixedUpdateDelayS = GetParameters().appSignallingDelayMs / 1000;
    t.rendezvous = Rendezvous::IDEAL;
    return t;
}

MobiSocket::Signalling
MobiSocketApplicationScheme::GetSignalling() const
{
    return MobiSocket::APPLICATION;
}

void
MobiSocketApplicationScheme::Connected(Host host, Ptr<Socket> socket)
{
    Ptr<MobiSocket> mobi = DynamicCast<MobiSocket>(socket);
    if (mobi && mobi->IsMobilityActive())
    {
        m_pairs[mobi->GetToken()].sockets[IndexOf(host)] = mobi;
    }
}

void
MobiSocketApplicationScheme::AddressChanged(Host host, const IpAddress& address)
{
    const SchemeParameters& p = GetParameters();
    for (auto& [token, pair] : m_pairs)
    {
        if (!pair.sockets[0] || !pair.sockets[1])
        {
            continue;
        }
        if (!pair.signalling)
        {
            pair.signalling =
                ns3::Create<FixedDelaySignalling>(pair.sockets[0],
                                                  pair.sockets[1],
                                                  MilliSeconds(p.appSignallingDelayMs),
                                                  p.resetTimer);
            if (HandoverTimeline* timeline = GetEnvironment().timeline)
            {
                for (Host end : HOSTS)
                {
                    timeline->WatchExchange(end, pair.signalling->GetExchange(end));
                }
            }
        }
        pair.signalling->AddressChanged(host, address);
    }
}

} // namespace ns3

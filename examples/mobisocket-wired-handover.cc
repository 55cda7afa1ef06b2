/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket
 * A wired handover: the mobile host (MH) sends a known byte stream to the
 * correspondent host (CH); mid-transfer its access link fails and, after an
 * outage, it comes back on another subnet with a new address.
 *
 * With --protocol=mobisocket the connection survives: the MH's socket is
 * updated (UpdateTcb(SOURCE)) and the CH learns the new address either
 * in-band (AddChange/AddConfirm, signed with Ed25519) or from the
 * application (--signalling=application: the example calls
 * UpdateTcb(DESTINATION) on the CH after --appSignallingDelay, standing in
 * for the SIP INFO exchange of the WiFi scenario). With --protocol=tcp the
 * connection stalls and aborts.
 *
 * Prints a timeline and whether every byte arrived intact.
 *
 *     ./build/examples/mobisocket-wired-handover
 *     ./build/examples/mobisocket-wired-handover --protocol=tcp --stopTime=200
 *     ./build/examples/mobisocket-wired-handover --PrintHelp
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobisocket-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MobiSocketWiredHandoverExample");

namespace
{

/// Prints a timeline line.
void
Event(const std::string& what)
{
    std::cout << std::fixed << std::setprecision(6) << std::setw(12)
              << Simulator::Now().GetSeconds() << " s  " << what << std::endl;
}

/// The example's "application" on both hosts: keys, updates, timeline.
class Controller
{
  public:
    /**
     * \param appSignalling the application updates the CH itself
     * \param resetTimer call ResetTimer after application updates
     * \param signallingDelay stand-in for the INFO round trip
     * \param mhKeys the MH's key pair
     * \param chKeys the CH's key pair
     */
    Controller(bool appSignalling,
               bool resetTimer,
               Time signallingDelay,
               Ed25519KeyPair mhKeys,
               Ed25519KeyPair chKeys)
        : m_appSignalling(appSignalling),
          m_resetTimer(resetTimer),
          m_signallingDelay(signallingDelay),
          m_mhKeys(mhKeys),
          m_chKeys(chKeys)
    {
    }

    Ptr<IntegrityApplication> m_receiver; //!< CH side of the stream

    /// \param s the MH's connected socket
    void MhConnected(Ptr<Socket> s)
    {
        Event("MH: connection established");
        m_mh = DynamicCast<MobiSocket>(s);
        if (!m_mh)
        {
            return;
        }
        m_mh->SetLocalKeyPair(m_mhKeys);
        m_mh->SetPeerPublicKey(m_chKeys.publicKey);
        Event(std::string("MH: mobility ") + (m_mh->IsMobilityActive() ? "active" : "NOT active"));
        m_mh->TraceConnectWithoutContext("AddChangeSent",
                                         MakeCallback(&Controller::AddChangeSent, this));
        m_mh->TraceConnectWithoutContext("AddConfirmReceived",
                                         MakeCallback(&Controller::AddConfirmReceived, this));
    }

    /// \param s the CH's accepted socket
    void ChConnected(Ptr<Socket> s)
    {
        m_ch = DynamicCast<MobiSocket>(s);
        if (!m_ch)
        {
            return;
        }
        m_ch->SetLocalKeyPair(m_chKeys);
        m_ch->SetPeerPublicKey(m_mhKeys.publicKey);
        m_ch->TraceConnectWithoutContext("AddChangeReceived",
                                         MakeCallback(&Controller::AddChangeReceived, this));
        m_ch->TraceConnectWithoutContext("AddConfirmSent",
                                         MakeCallback(&Controller::AddConfirmSent, this));
    }

    /**
     * \param host the host that moved
     * \param oldAddress its old address
     * \param newAddress its new address
     */
    void AddressChanged(uint32_t host, Ipv4Address oldAddress, Ipv4Address newAddress)
    {
        std::ostringstream os;
        os << "MH: new address " << newAddress << " (was " << oldAddress << ")";
        Event(os.str());
        m_bytesAtChange = m_receiver->GetBytesReceived();
        m_waitingFirstByte = true;
        if (!m_mh)
        {
            return; // plain TCP: nothing to update
        }
        if (m_mh->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(newAddress, 0)) != 0)
        {
            Event("MH: UpdateTcb failed, errno " + std::to_string(m_mh->GetErrno()));
            return;
        }
        Event("MH: UpdateTcb(SOURCE)");
        if (m_appSignalling)
        {
            Simulator::Schedule(m_signallingDelay, &Controller::UpdatePeer, this, newAddress);
        }
    }

    /**
     * \param packet received data
     * \param offset its stream offset
     */
    void Received(Ptr<const Packet> packet, uint64_t offset)
    {
        if (m_waitingFirstByte && offset >= m_bytesAtChange)
        {
            m_waitingFirstByte = false;
            Event("CH: first byte after the change reaches the application (offset " +
                  std::to_string(offset) + ")");
        }
    }

  private:
    /// \param newAddress the MH's new address, as the application learnt it
    void UpdatePeer(Ipv4Address newAddress)
    {
        m_ch->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(newAddress, 0));
        Event("CH: UpdateTcb(DESTINATION) by the application");
        if (m_resetTimer)
        {
            m_ch->ResetTimer();
            m_mh->ResetTimer();
            Event("MH, CH: ResetTimer");
        }
    }

    /// \param h the message
    void AddChangeSent(const AddChangeHeader& h)
    {
        Event("MH: AddChange sent (seq " + std::to_string(h.GetSequence()) + ")");
    }

    /// \param h the message
    void AddChangeReceived(const AddChangeHeader& h)
    {
        std::ostringstream os;
        os << "CH: AddChange verified, peer is now " << h.GetNewAddress();
        Event(os.str());
    }

    /// \param h the message
    void AddConfirmSent(const AddConfirmHeader& h)
    {
        Event("CH: AddConfirm sent");
    }

    /// \param h the message
    void AddConfirmReceived(const AddConfirmHeader& h)
    {
        Event("MH: AddConfirm verified, change complete");
    }

    bool m_appSignalling;           //!< application updates the CH
    bool m_resetTimer;              //!< application calls ResetTimer
    Time m_signallingDelay;         //!< stand-in for the INFO round trip
    Ed25519KeyPair m_mhKeys;        //!< MH keys
    Ed25519KeyPair m_chKeys;        //!< CH keys
    Ptr<MobiSocket> m_mh;           //!< MH's connection
    Ptr<MobiSocket> m_ch;           //!< CH's connection
    uint64_t m_bytesAtChange{0};    //!< CH bytes when the address changed
    bool m_waitingFirstByte{false}; //!< first byte after the change not yet seen
};

} // namespace

int
main(int argc, char* argv[])
{
    std::string protocol = "mobisocket";
    std::string signalling = "inband";
    double outageSeconds = 1.0;
    double handoverAt = 2.0;
    uint64_t bytes = 4000000;
    double stopTime = 30.0;
    bool resetTimer = true;
    double appSignallingDelayMs = 40.0;

    CommandLine cmd(__FILE__);
    cmd.AddValue("protocol", "Transport: mobisocket or tcp", protocol);
    cmd.AddValue("signalling", "MobiSocket signalling: inband or application", signalling);
    cmd.AddValue("handoverAt", "Time the MH's link fails (s)", handoverAt);
    cmd.AddValue("outage", "Time until the MH has its new address (s)", outageSeconds);
    cmd.AddValue("bytes", "Bytes the MH sends to the CH", bytes);
    cmd.AddValue("resetTimer", "Call ResetTimer after the update", resetTimer);
    cmd.AddValue("appSignallingDelay",
                 "With --signalling=application, delay before the CH updates (ms)",
                 appSignallingDelayMs);
    cmd.AddValue("stopTime", "Simulation end (s)", stopTime);
    cmd.Parse(argc, argv);

    if (protocol != "mobisocket" && protocol != "tcp")
    {
        std::cerr << "--protocol must be mobisocket or tcp" << std::endl;
        return 1;
    }
    if (signalling != "inband" && signalling != "application")
    {
        std::cerr << "--signalling must be inband or application" << std::endl;
        return 1;
    }

    WiredHandoverTopology topology;
    Ptr<Node> mh = topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = topology.GetHost(WiredHandoverTopology::CH);

    bool appSignalling = (signalling == "application");
    MobiSocketHelper mobi;
    mobi.SetSocketAttribute("MobilityEnabled", BooleanValue(true));
    mobi.SetSocketAttribute(
        "Signalling",
        EnumValue(appSignalling ? MobiSocket::APPLICATION : MobiSocket::IN_BAND));
    mobi.SetSocketAttribute("ResetTimerAfterChange", BooleanValue(resetTimer));
    mobi.Install(topology.GetHosts());
    Controller controller(appSignalling,
                          resetTimer,
                          MilliSeconds(appSignallingDelayMs),
                          mobi.GenerateKeyPair(),
                          mobi.GenerateKeyPair());

    TypeId factory =
        protocol == "tcp" ? TcpSocketFactory::GetTypeId() : MobiSocketFactory::GetTypeId();
    uint16_t port = 5001;
    Ptr<IntegrityApplication> receiver = CreateObject<IntegrityApplication>();
    receiver->SetAttribute("Protocol", TypeIdValue(factory));
    receiver->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), port)));
    ch->AddApplication(receiver);
    Ptr<IntegrityApplication> sender = CreateObject<IntegrityApplication>();
    sender->SetAttribute("Protocol", TypeIdValue(factory));
    sender->SetAttribute(
        "Remote",
        AddressValue(InetSocketAddress(topology.GetAddress(WiredHandoverTopology::CH, 0), port)));
    sender->SetAttribute("SendBytes", UintegerValue(bytes));
    mh->AddApplication(sender);
    receiver->SetStartTime(Seconds(0));
    sender->SetStartTime(Seconds(0.1));
    controller.m_receiver = receiver;

    sender->TraceConnectWithoutContext("Connected",
                                       MakeCallback(&Controller::MhConnected, &controller));
    receiver->TraceConnectWithoutContext("Connected",
                                         MakeCallback(&Controller::ChConnected, &controller));
    receiver->TraceConnectWithoutContext("Rx", MakeCallback(&Controller::Received, &controller));
    Simulator::Schedule(Seconds(handoverAt), &Event, "MH: access link fails");
    topology.ScheduleHandover(WiredHandoverTopology::MH,
                              Seconds(handoverAt),
                              Seconds(outageSeconds));
    topology.SetAddressChangeCallback(MakeCallback(&Controller::AddressChanged, &controller));

    Simulator::Stop(Seconds(stopTime));
    Simulator::Run();

    uint64_t received = receiver->GetBytesReceived();
    bool complete = received == bytes;
    std::cout << "\nprotocol " << protocol;
    if (protocol == "mobisocket")
    {
        std::cout << ", signalling " << signalling;
    }
    std::cout << ": " << received << " of " << bytes << " bytes delivered, "
              << (receiver->IsIntact() ? "intact" : "CORRUPTED") << ", "
              << (sender->HasFailed() ? "connection aborted" : "connection alive") << std::endl;
    Ptr<CryptoAgent> mhCrypto = mh->GetObject<CryptoAgent>();
    Ptr<CryptoAgent> chCrypto = ch->GetObject<CryptoAgent>();
    std::cout << "signatures: MH " << mhCrypto->GetCount(CryptoAgent::SIGN) << " signed, "
              << mhCrypto->GetCount(CryptoAgent::VERIFY) << " verified; CH "
              << chCrypto->GetCount(CryptoAgent::SIGN) << " signed, "
              << chCrypto->GetCount(CryptoAgent::VERIFY) << " verified" << std::endl;
    Simulator::Destroy();
    return (protocol == "mobisocket" && !(complete && receiver->IsIntact())) ? 1 : 0;
}

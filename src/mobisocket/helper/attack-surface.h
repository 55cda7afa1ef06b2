/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ATTACK_SURFACE_H
#define ATTACK_SURFACE_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/mobility-control-header.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"
#include "ns3/tcp-header.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The SIP dialog an attacker must name in an INFO for the victim's
 *        user agent to take it for the session's (SipUserAgent::HandleInfo).
 *        Empty: unknown.
 */
struct SipDialogKnowledge
{
    std::string callId;    //!< the dialog's Call-ID
    std::string moverTag;  //!< the mover's tag (From of the mover's requests)
    std::string victimTag; //!< the victim's tag (their To)
};

/**
 * \ingroup mobisocket
 * \brief What an attacker knows of the connection it tries to hijack.
 *
 * An off-path attacker knows the two hosts' addresses and the victim's port
 * (a server's well-known port) and nothing else. An on-path attacker fills
 * the rest in from what it sees: the 4-tuple, the connection's token, the
 * highest sequence number of the scheme's messages, and the last genuine
 * address update with the address it came from.
 */
struct AttackKnowledge
{
    Ipv4Address victimAddress;  //!< the host whose connection is to be redirected (the CH)
    uint16_t victimPort{0};     //!< its end of the connection
    Ipv4Address moverAddress;   //!< the other end's address as the victim has it
    uint16_t moverPort{0};      //!< the other end's port (0: unknown)
    uint64_t token{0};          //!< the connection's token (0: unknown)
    uint32_t lastSequence{0};   //!< highest sequence number seen in the scheme's messages
    Ptr<Packet> capturedUpdate; //!< the last genuine address update seen (null: none)
    Ipv4Address capturedFrom;   //!< the address it came from
    SipDialogKnowledge dialog;  //!< SIP signalling: the session's dialog
};

/**
 * \ingroup mobisocket
 * \brief How a scheme's address-change messages travel: what an attacker
 *        watches on the path and how it injects a message. One class per
 *        transport; each scheme with messages on the wire names its own
 *        (MobilityScheme::GetAttackSurface()).
 */
class AttackSurface : public SimpleRefCount<AttackSurface>
{
  public:
    virtual ~AttackSurface();

    /// \return the transport's name, as in result files ("tcp-control-segment", ...)
    virtual std::string GetName() const = 0;

    /// \return the type of the scheme's address update (ADD_CHANGE, REDIRECT_REQUEST)
    MobilityControlHeader::MessageType GetUpdateType() const;

    /**
     * \brief Whether an on-path attacker knows enough to address a forgery
     *        the victim takes for the connection's (the token, by default).
     * \param knowledge what it knows
     * \return true if it can
     */
    virtual bool CanAddress(const AttackKnowledge& knowledge) const;

    /**
     * \brief Learn from a packet seen on the path.
     * \param ip its IP header
     * \param l4 its IP payload (TCP or UDP header included)
     * \param knowledge what the attacker knows, updated
     */
    virtual void Observe(const Ipv4Header& ip,
                         Ptr<const Packet> l4,
                         AttackKnowledge& knowledge) const = 0;

    /**
     * \brief Send a control message to the victim, from the attacker.
     * \param attacker the attacker's node
     * \param message the control message
     * \param source the IP source (the attacker's address)
     * \param sourcePort the source port (TCP; the daemon's UDP port is fixed)
     * \param knowledge where to send it (victim address and port)
     */
    virtual void Send(Ptr<Node> attacker,
                      Ptr<Packet> message,
                      Ipv4Address source,
                      uint16_t sourcePort,
                      const AttackKnowledge& knowledge) = 0;

  protected:
    /// \param updateType the type of the scheme's address update
    explicit AttackSurface(MobilityControlHeader::MessageType updateType);

    /**
     * \brief Learn from one of the scheme's control messages: its token and
     *        sequence, and keep it if it is an address update.
     * \param message the control message
     * \param from its IP source
     * \param knowledge updated
     */
    void Learn(Ptr<const Packet> message, Ipv4Address from, AttackKnowledge& knowledge) const;

    /**
     * \brief Keep a genuine address update: its token and sequence, and the
     *        message to replay.
     * \param update the update
     * \param message its serialised form (what a replay sends)
     * \param from its IP source
     * \param knowledge updated
     */
    static void Capture(const AddressUpdateHeader& update,
                        Ptr<const Packet> message,
                        Ipv4Address from,
                        AttackKnowledge& knowledge);

    /**
     * \brief Learn the token from a handshake segment: the SYN's nonce is
     *        its high half, the SYN+ACK's its low half.
     * \param tcp a TCP header seen on the path
     * \param exid the ExID of the negotiation option that carries the nonces
     * \param knowledge updated (a SYN without the option clears the token)
     * \return true if the segment was a SYN or a SYN+ACK
     */
    static bool LearnToken(const TcpHeader& tcp, uint16_t exid, AttackKnowledge& knowledge);

  private:
    MobilityControlHeader::MessageType m_updateType; //!< the scheme's update type
};

/**
 * \ingroup mobisocket
 * \brief In-band messages (MobiSocket's AddChange, TCP-R's redirect): URG
 *        segments that the receiver's MobilityDemux delivers by token. On
 *        the path, the token is read from the nonces of the handshake's
 *        negotiation option (SignallingTcpSocket::MakeToken) or from any
 *        control segment.
 */
class TcpControlSurface : public AttackSurface
{
  public:
    /**
     * \param updateType the scheme's update type
     * \param exid the RFC 6994 ExID of the scheme's negotiation option
     */
    TcpControlSurface(MobilityControlHeader::MessageType updateType, uint16_t exid);

    std::string GetName() const override;
    void Observe(const Ipv4Header& ip,
                 Ptr<const Packet> l4,
                 AttackKnowledge& knowledge) const override;
    void Send(Ptr<Node> attacker,
              Ptr<Packet> message,
              Ipv4Address source,
              uint16_t sourcePort,
              const AttackKnowledge& knowledge) override;

  private:
    uint16_t m_exid; //!< the negotiation option's ExID
};

/**
 * \ingroup mobisocket
 * \brief TCP Migrate's Migrate SYN: a SYN segment from the mover's new
 *        address carrying a Migrate option (token, request number, truncated
 *        HMAC), which the receiver's MobilityDemux delivers by token. The new
 *        address is the segment's IP source; the old one is not on the wire.
 *
 * On the path, the token is read from the handshake's Migrate-Permitted
 * nonces or from any Migrate option, and a genuine Migrate SYN is captured
 * as a MigrateSynHeader (its old address left unspecified). The attacker
 * sends its SYN from its own address and port, since a Migrate SYN can only
 * move the connection to where it comes from: a replay is the captured
 * option in a SYN from the attacker.
 */
class MigrateSynSurface : public AttackSurface
{
  public:
    MigrateSynSurface();

    std::string GetName() const override;
    void Observe(const Ipv4Header& ip,
                 Ptr<const Packet> l4,
                 AttackKnowledge& knowledge) const override;
    void Send(Ptr<Node> attacker,
              Ptr<Packet> message,
              Ipv4Address source,
              uint16_t sourcePort,
              const AttackKnowledge& knowledge) override;
};

/**
 * \ingroup mobisocket
 * \brief The redirect daemon's UDP datagrams (key shares, redirect
 *        requests and acknowledgements), from and to the daemon port.
 */
class DaemonDatagramSurface : public AttackSurface
{
  public:
    /// \param port the daemons' UDP port
    explicit DaemonDatagramSurface(uint16_t port);

    std::string GetName() const override;
    void Observe(const Ipv4Header& ip,
                 Ptr<const Packet> l4,
                 AttackKnowledge& knowledge) const override;
    void Send(Ptr<Node> attacker,
              Ptr<Packet> message,
              Ipv4Address source,
              uint16_t sourcePort,
              const AttackKnowledge& knowledge) override;

  private:
    uint16_t m_port; //!< the daemons' UDP port
};

/**
 * \ingroup mobisocket
 * \brief MobiSocket with SIP signalling (the paper's Figure 1): the
 *        AddChange travels in a SIP INFO (SipInfoBody) over UDP, directly
 *        or through the proxy. The victim's user agent takes an INFO only
 *        within the session's dialog (Call-ID and both tags), and has no
 *        source address to check, since the INFO may come through the
 *        proxy.
 *
 * On the path, the attacker reads the dialog from the INVITE and its
 * answer, the token from the session's handshake (the MobiSocket option's
 * nonces) or from an INFO's body, and captures the mover's INFO bodies. It
 * sends its INFO straight to the victim's user agent, as a new transaction
 * each time (a copy with an old branch would be answered by the
 * transaction layer and never reach the exchange). The users' addresses
 * of record are public: off the path the attacker knows them, and makes
 * up the dialog (Call-ID and tags from its guessed token).
 */
class SipInfoSurface : public AttackSurface
{
  public:
    /**
     * \param victimAor the victim's address of record (Request-URI, To)
     * \param moverAor the mover's (From)
     * \param port the user agents' SIP port
     * \param exid the ExID of the session connection's negotiation option
     */
    SipInfoSurface(const std::string& victimAor,
                   const std::string& moverAor,
                   uint16_t port,
                   uint16_t exid);

    std::string GetName() const override;
    bool CanAddress(const AttackKnowledge& knowledge) const override;
    void Observe(const Ipv4Header& ip,
                 Ptr<const Packet> l4,
                 AttackKnowledge& knowledge) const override;
    void Send(Ptr<Node> attacker,
              Ptr<Packet> message,
              Ipv4Address source,
              uint16_t sourcePort,
              const AttackKnowledge& knowledge) override;

  private:
    /**
     * \brief Learn from one SIP message: the dialog from the INVITE and its
     *        answers, the token and the update from an INFO's body.
     * \param text the datagram's text
     * \param from its IP source
     * \param knowledge updated
     */
    void ObserveSip(const std::string& text, Ipv4Address from, AttackKnowledge& knowledge) const;

    std::string m_victimAor; //!< the victim's address of record
    std::string m_moverAor;  //!< the mover's
    uint16_t m_port;         //!< the user agents' SIP port
    uint16_t m_exid;         //!< the session connection's option ExID
    uint32_t m_requests{0};  //!< INFOs sent (their CSeq and branch)
};

} // namespace ns3

#endif /* ATTACK_SURFACE_H */

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

#include <string>

namespace ns3
{

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
                      const AttackKnowledge& knowledge) const = 0;

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
              const AttackKnowledge& knowledge) const override;

  private:
    uint16_t m_exid; //!< the negotiation option's ExID
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
              const AttackKnowledge& knowledge) const override;

  private:
    uint16_t m_port; //!< the daemons' UDP port
};

} // namespace ns3

#endif /* ATTACK_SURFACE_H */

/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CHANGE_ATTACKER_H
#define CHANGE_ATTACKER_H

#include "attack-surface.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief An attacker that tries to redirect a connection to itself with
 *        the scheme's own address-change messages.
 *
 * At Rate messages per second, from StartTime to StopTime, it sends the
 * victim (the CH) either a forged address update that names the attacker's
 * address as the mover's new one (Action=Forge), or a replay of the last
 * genuine update it saw, from its own address (Action=Replay, on-path
 * only). A forgery carries what the attacker knows (AttackKnowledge):
 *
 * - off-path, it guesses the token (uniform 64-bit) and the sequence
 *   number (uniform 32-bit) for every message, and names the mover's
 *   address it was given;
 * - on-path (watching the router SetPath() names: what it forwards, and
 *   what its own applications, such as a SIP proxy, receive and send), it
 *   uses the token of the handshake's nonces or of the scheme's messages,
 *   the sequence number after the highest it saw, the mover's current
 *   address, and what else the transport needs (AttackSurface::CanAddress,
 *   e.g. the SIP dialog).
 *
 * The authenticator (signature or MAC) is random bytes: the attacker has
 * no key. A tick with nothing to send (on-path before it learned the
 * token or the dialog, a replay before any genuine update) is counted as
 * skipped.
 */
class ChangeAttacker : public Application
{
  public:
    /// Where the attacker sits.
    enum Position
    {
        OFF_PATH = 0, //!< sees nothing of the connection
        ON_PATH = 1   //!< sees every packet the tapped router forwards
    };

    /// What it sends.
    enum Action
    {
        FORGE = 0, //!< fresh updates naming the attacker's address
        REPLAY = 1 //!< the last genuine update, again, from the attacker's address
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ChangeAttacker();

    /**
     * \brief Attack through a scheme's messages (before the start).
     * \param surface how the scheme's messages travel
     * \param knowledge what the attacker knows at the start (victim address
     *        and port, mover address)
     */
    void SetTarget(Ptr<AttackSurface> surface, const AttackKnowledge& knowledge);

    /**
     * \brief Name the router the connection crosses: an on-path attacker
     *        watches every packet it forwards from this call on (call it
     *        before the connection opens to see its handshake).
     * \param router the router
     */
    void SetPath(Ptr<Node> router);

    /**
     * \brief Fix the random stream of the guesses.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \return messages sent
    uint64_t GetSent() const;

    /// \return ticks with nothing to send
    uint64_t GetSkipped() const;

    /// \return what the attacker knows now
    const AttackKnowledge& GetKnowledge() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Send one message and schedule the next.
    void Tick();

    /// \return a forged update, or null if the attacker cannot address one yet
    Ptr<Packet> Forge();

    /**
     * \tparam Bytes Ed25519Signature or MacTag
     * \return an authenticator of random bytes (the attacker has no key)
     */
    template <class Bytes>
    Bytes RandomBytes() const;

    /**
     * \brief Router UnicastForward, LocalDeliver and SendOutgoing trace sink.
     * \param ip the IP header
     * \param packet the IP payload
     */
    void Overheard(const Ipv4Header& ip, Ptr<const Packet> packet, uint32_t /* interface */);

    /// \return the attacker's own address (its first interface's)
    Ipv4Address GetOwnAddress() const;

    Position m_position{OFF_PATH};      //!< where it sits
    Action m_action{FORGE};             //!< what it sends
    double m_rate{10};                  //!< messages per second
    uint16_t m_port{6666};              //!< the port it names as the new one
    Ptr<AttackSurface> m_surface;       //!< the scheme's messages
    Ptr<Node> m_router;                 //!< the router on the connection's path
    AttackKnowledge m_knowledge;        //!< what it knows
    Ptr<UniformRandomVariable> m_guess; //!< off-path guesses
    EventId m_tick;                     //!< next message
    uint64_t m_sent{0};                 //!< messages sent
    uint64_t m_skipped{0};              //!< ticks with nothing to send
    uint32_t m_forged{0};               //!< on-path forgeries (their sequence offset)
};

} // namespace ns3

#endif /* CHANGE_ATTACKER_H */
